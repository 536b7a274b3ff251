import type { Clock } from '../clock/clock';
import type { Db } from '../db/open';
import type { ReplayGuard } from '../providers/provider';

/** Expired delivery keys are swept every this many deliveries. */
const sweepEvery = 200;

/**
 * Remembers accepted webhook deliveries in SQLite until they expire, so a replay is refused even after a
 * restart; the key's expiry is the delivery's own (its signed timestamp or URL), past which it is
 * refused anyway.
 */
export function createReplayGuard(db: Db, clock: Clock): ReplayGuard {
  const insert = db.$client.prepare(
    'insert into webhook_deliveries (key, received_at, expires_at) values (?, ?, ?) on conflict (key) do nothing',
  );
  const sweep = db.$client.prepare('delete from webhook_deliveries where expires_at < ?');
  let sinceSweep = 0;
  return (key, expiresAt) => {
    const now = clock.now();
    if (++sinceSweep >= sweepEvery) {
      sinceSweep = 0;
      sweep.run(now);
    }
    return insert.run(key.slice(0, 500), now, Math.max(expiresAt, now)).changes === 1;
  };
}

/** The same, in memory: for a provider tested without a database. */
export function createMemoryReplayGuard(): ReplayGuard {
  const seen = new Set<string>();
  return (key) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
