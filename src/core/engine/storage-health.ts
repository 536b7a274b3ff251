import type Database from 'better-sqlite3';
import type { Logger } from '../logging/logger';
import { codeOf, isCode } from './database-errors';

export interface StorageOutage {
  since: number;
  reason: 'disk_full' | 'write_failed';
  message: string;
}

/** How often writing is tried again while the disk is full. */
const probeEveryMs = 5_000;
/** The probe writes this much, so it fails while the disk has no room for real work either. */
const probeBytes = 256 * 1024;

/**
 * Whether the engine can write its records. A full disk (SQLITE_FULL) or an I/O error stops all
 * dialling — a call is placed only once its attempt is on disk — and the database is probed every few
 * seconds, on the wall clock, with a write of some size that is rolled back; when it succeeds the
 * engine goes on by itself.
 */
export function createStorageHealth(deps: {
  client: Database.Database;
  logger: Logger;
  wallClock: () => number;
  onChange: (outage: StorageOutage | undefined) => void;
}) {
  let current: StorageOutage | undefined;
  let timer: NodeJS.Timeout | undefined;
  const probeStmt = deps.client.prepare('insert into settings (key, value) values (?, zeroblob(?))');

  const probe = () => {
    timer = undefined;
    const { client } = deps;
    if (!client.open) return;
    try {
      // The engine's write batch may be open on this connection: then it is what gets tried again.
      if (client.inTransaction)
        throw Object.assign(new Error('a write is still pending'), { code: 'SQLITE_BUSY' });
      client.exec('BEGIN IMMEDIATE');
      try {
        probeStmt.run('storage.probe', probeBytes);
      } finally {
        client.exec('ROLLBACK');
      }
    } catch (err) {
      timer = setTimeout(probe, probeEveryMs).unref();
      deps.logger.debug({ err }, 'the database still cannot be written');
      return;
    }
    deps.logger.info({ since: current?.since }, 'the database can be written again; dialling goes on');
    current = undefined;
    deps.onChange(undefined);
  };

  return {
    outage: () => current,
    failed(err: unknown) {
      const full = isCode(codeOf(err), 'SQLITE_FULL');
      if (!current) {
        const since = deps.wallClock();
        current = {
          since,
          reason: full ? 'disk_full' : 'write_failed',
          message: full
            ? 'The disk is full: dialling is paused until space is freed, and goes on by itself then. Every call placed so far is recorded.'
            : `The database cannot be written (${(err as Error).message}): dialling is paused until it can, and goes on by itself then.`,
        };
        deps.logger.error({ err }, 'the database cannot be written; dialling is paused');
        deps.onChange(current);
      }
      if (!timer) timer = setTimeout(probe, probeEveryMs).unref();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

export type StorageHealth = ReturnType<typeof createStorageHealth>;
