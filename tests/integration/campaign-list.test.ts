import { describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import type { Db } from '../../src/core/db/open';
import { insertCustomers, manyCustomers, nyMorning } from '../helpers/engine-harness';
import { appForEachTest } from '../helpers/test-app';

const script = { firstMessage: 'Hi {{customer.first_name}}, {{company_name}} here. Say stop to opt out.' };

/** Writes attempts in the given states for a campaign, one customer each unless `customer` repeats. */
function addAttempts(db: Db, campaignId: number, rows: { customer: number; n?: number; state: string }[]) {
  const insert = db.$client.prepare(`insert into call_attempts
    (campaign_id, customer_id, attempt_number, idempotency_key, state, provider, to_number, queued_at, dialed_at, updated_at)
    values (?, ?, ?, ?, ?, 'simulator', '+12125550100', ?, ?, ?)`);
  for (const r of rows) {
    const n = r.n ?? 1;
    const dialled = r.state === 'queued' || (r.state === 'cancelled' && n > 1) ? null : nyMorning;
    insert.run(
      campaignId,
      r.customer,
      n,
      `${campaignId}:${r.customer}:${n}`,
      r.state,
      nyMorning,
      dialled,
      nyMorning,
    );
  }
}

describe('the campaign list', () => {
  const t = appForEachTest();

  it('shows each campaign’s own attempts, finished attempts, customers called and live calls', async () => {
    const db = t.app.context.db;
    const ids = insertCustomers(db, manyCustomers(40), nyMorning);
    const campaign = (name: string) =>
      createCampaign(db, { name, objective: 'custom', script }, nyMorning).id;
    const big = campaign('Big');
    const small = campaign('Small');
    const empty = campaign('Empty');
    // Big: 30 customers; 25 finished first attempts, 5 of them retried (3 finished, 1 live, 1 queued),
    // 3 live first attempts, 2 queued first attempts.
    const finished = ['completed', 'no_answer', 'busy', 'voicemail', 'failed'];
    addAttempts(db, big, [
      ...ids.slice(0, 25).map((customer, i) => ({ customer, state: finished[i % finished.length] })),
      ...ids.slice(0, 3).map((customer) => ({ customer, n: 2, state: 'completed' })),
      { customer: ids[3], n: 2, state: 'ringing' },
      { customer: ids[4], n: 2, state: 'queued' },
      { customer: ids[25], state: 'dialing' },
      { customer: ids[26], state: 'in_progress' },
      { customer: ids[27], state: 'escalated' },
      { customer: ids[28], state: 'queued' },
      { customer: ids[29], state: 'queued' },
    ]);
    // Small: 2 customers; one answered, one cancelled in the queue before it was ever dialled.
    addAttempts(db, small, [
      { customer: ids[30], state: 'completed' },
      { customer: ids[31], n: 2, state: 'cancelled' },
    ]);

    const list = await t.call('campaigns.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const byName = Object.fromEntries(list.result.map((c) => [c.name, c]));
    expect(byName.Big).toMatchObject({
      id: big,
      attempts: 35,
      finishedAttempts: 28,
      customersCalled: 28,
      liveCalls: 4,
    });
    expect(byName.Small).toMatchObject({
      id: small,
      attempts: 2,
      finishedAttempts: 2,
      customersCalled: 1,
      liveCalls: 0,
    });
    expect(byName.Empty).toMatchObject({
      id: empty,
      attempts: 0,
      finishedAttempts: 0,
      customersCalled: 0,
      liveCalls: 0,
    });
  });
});
