import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { groupCommitOf } from '../db/group-commit';
import type { Db } from '../db/open';

/** How long a lease lasts unless renewed: an owner that crashed loses its campaigns after this. */
export const leaseMs = 10_000;

export interface LeaseHolder {
  owner: string;
  expiresAt: number;
}

/**
 * Which engine dials a running campaign, when several processes open one database (the desktop app, a
 * browser host, `navaia campaign run`): a lease row per campaign, taken only when free or expired and
 * renewed by its owner while it runs. Times are the wall clock's: leases are between processes, whatever
 * clock (real or virtual) each engine runs its campaigns on.
 */
export function createCampaignOwnership(db: Db, wallClock: () => number, ownerName: string) {
  const c = db.$client;
  const groupCommit = groupCommitOf(c);
  const ownerId = `${ownerName} (pid ${process.pid} on ${hostname()}, ${randomUUID().slice(0, 8)})`;
  const take = c.prepare(`insert into campaign_leases (campaign_id, owner, expires_at) values (?, ?, ?)
    on conflict (campaign_id) do update set owner = excluded.owner, expires_at = excluded.expires_at
    where campaign_leases.owner = excluded.owner or campaign_leases.expires_at < ?`);
  // Still ours even past its expiry while nobody took it (a long import stalled this process): only
  // another owner's name in the row means the campaign was taken over.
  const renewStmt = c.prepare(
    'update campaign_leases set expires_at = ? where campaign_id = ? and owner = ?',
  );
  const releaseStmt = c.prepare('delete from campaign_leases where campaign_id = ? and owner = ?');
  const releaseAll = c.prepare('delete from campaign_leases where owner = ?');
  const holderStmt = c.prepare(
    'select owner, expires_at as expiresAt from campaign_leases where campaign_id = ?',
  );
  const dropLease = c.prepare('delete from campaign_leases where campaign_id = ? and owner = ?');

  /**
   * A lease held by a process of this machine that is gone (killed, crashed) is free now, not when it
   * expires: a `campaign run` started again after a crash goes on at once.
   */
  const dropIfOwnerGone = (campaignId: number) => {
    const holder = holderStmt.get(campaignId) as LeaseHolder | undefined;
    if (!holder || holder.owner === ownerId || !ownerIsGone(holder.owner)) return;
    write(() => dropLease.run(campaignId, holder.owner));
  };

  /** Committed at once: another process must see the lease before this one dials. */
  const write = <T>(work: () => T): T => {
    const result = groupCommit.write(work);
    groupCommit.flush();
    return result;
  };

  return {
    ownerId,
    /** Takes the campaign (or keeps it): true when this engine owns it now. */
    acquire(campaignId: number): boolean {
      dropIfOwnerGone(campaignId);
      const now = wallClock();
      return write(() => take.run(campaignId, ownerId, now + leaseMs, now).changes === 1);
    },
    /** Extends the lease; false when it was lost (it expired and another engine took it). */
    renew(campaignId: number): boolean {
      return write(() => renewStmt.run(wallClock() + leaseMs, campaignId, ownerId).changes === 1);
    },
    release(campaignId: number): void {
      write(() => releaseStmt.run(campaignId, ownerId));
    },
    releaseAll(): void {
      write(() => releaseAll.run(ownerId));
    },
    /** Another engine's lease on the campaign that has not expired, if there is one. */
    heldElsewhere(campaignId: number): LeaseHolder | undefined {
      dropIfOwnerGone(campaignId);
      const holder = holderStmt.get(campaignId) as LeaseHolder | undefined;
      return holder && holder.owner !== ownerId && holder.expiresAt >= wallClock() ? holder : undefined;
    },
  };
}

/** True when the owner named a process of this machine that no longer runs. */
function ownerIsGone(owner: string): boolean {
  const match = /\(pid (\d+) on ([^,]+),/.exec(owner);
  if (!match || match[2] !== hostname()) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export type CampaignOwnership = ReturnType<typeof createCampaignOwnership>;
