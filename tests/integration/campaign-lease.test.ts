import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { createCampaignOwnership } from '../../src/core/engine/campaign-ownership';
import { createTempDb } from '../helpers/temp-db';

describe('the lease on a running campaign', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function twoEngines() {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    createCampaign(temp.db, { name: 'Renewals', objective: 'renewal', script: { firstMessage: 'Hi' } }, 0);
    return temp.db;
  }

  it('is not taken from a live owner before it expires', () => {
    const db = twoEngines();
    let now = 1_000;
    const first = createCampaignOwnership(db, () => now, 'first');
    const second = createCampaignOwnership(db, () => now, 'second');
    expect(first.acquire(1)).toBe(true);
    expect(second.acquire(1)).toBe(false);
    expect(second.heldElsewhere(1)?.owner).toBe(first.ownerId);
    now += 11_000;
    expect(second.acquire(1)).toBe(true);
  });

  it('stays with an owner that stalled past its expiry while nobody took it, and is lost once another did', () => {
    const db = twoEngines();
    let now = 1_000;
    const first = createCampaignOwnership(db, () => now, 'first');
    const second = createCampaignOwnership(db, () => now, 'second');
    expect(first.acquire(1)).toBe(true);
    now += 30_000; // a long import held this process's event loop
    expect(first.renew(1)).toBe(true);
    expect(second.heldElsewhere(1)?.owner).toBe(first.ownerId);
    now += 11_000;
    expect(second.acquire(1)).toBe(true);
    expect(first.renew(1)).toBe(false);
  });

  it('is free at once when its owner was a process of this machine that is gone', async () => {
    const db = twoEngines();
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid ?? 0));
    });
    const now = 1_000;
    const survivor = createCampaignOwnership(db, () => now, 'survivor');
    // The lease a killed `campaign run` left behind: its pid no longer runs.
    const owner = survivor.ownerId.replace(/pid \d+/, `pid ${gone}`).replace('survivor', 'cli host');
    db.$client
      .prepare('insert into campaign_leases (campaign_id, owner, expires_at) values (1, ?, ?)')
      .run(owner, now + 10_000);
    expect(survivor.heldElsewhere(1)).toBeUndefined();
    expect(survivor.acquire(1)).toBe(true);
  });
});
