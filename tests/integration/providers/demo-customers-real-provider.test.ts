import { assertReadyForRealCalls } from '@core/compliance/real-call-readiness';
import { isFictionalNumber } from '@core/db/seed/demo-phones';
import { describe, expect, it } from 'vitest';
import { manyCustomers, type TestCustomer } from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';
import { campaignStatus } from './campaign-app';
import { realProviderAppPerTest, waitFor } from './provider-setup';

/** Demo customers as the demo data makes them: marked, with fictional numbers (shared between them). */
const demoCustomers = (n: number): TestCustomer[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `Demo ${i}`,
    phone: `+1305555010${i % 10}`,
    region: 'US-FL',
    demo: true,
  }));

describe('demo customers on a real provider', () => {
  const real = realProviderAppPerTest();

  it('a real campaign over demo and real customers dials only the real ones, and says why', async () => {
    const { app, db, fake, campaignId } = await real.start([...manyCustomers(3), ...demoCustomers(40)]);
    expect(app.engine.progress(campaignId).notices?.join(' ')).toMatch(/40 demo customers left out/);
    await waitFor('the campaign to complete', () => campaignStatus(db, campaignId) === 'completed', 90_000);
    const dialled = db.$client
      .prepare(`select c.demo, count(*) as n from call_attempts a join customers c on c.id = a.customer_id
        where a.dialed_at is not null group by c.demo`)
      .all() as { demo: number; n: number }[];
    expect(dialled).toEqual([{ demo: 0, n: expect.any(Number) }]);
    const requested = fake.requests.map((r) => JSON.stringify(r.body)).join(' ');
    expect(requested).toMatch(/\+1212/);
    expect(requested).not.toMatch(/\+13055550/);
  }, 120_000);

  it('refuses to start a real campaign whose audience is only demo customers; the engine dials none of them', async () => {
    const { app, db, fake, campaignId } = await real.start(demoCustomers(25));
    expect(() => assertReadyForRealCalls(app.context, campaignId)).toThrow(
      /Every customer this campaign would call is a demo customer \(25\)/,
    );
    const copy = await invoker(app)('campaigns.duplicate', { id: campaignId });
    if (!copy.ok) throw new Error(copy.error.message);
    const started = await invoker(app)('campaigns.start', { id: copy.result.id });
    expect(started).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    // The campaign started behind the check's back (real.start) completes without a single request.
    await waitFor('the campaign to complete', () => campaignStatus(db, campaignId) === 'completed', 60_000);
    expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
    const numbers = db.$client.prepare('select phone from customers').pluck().all() as string[];
    expect(numbers.every(isFictionalNumber)).toBe(true);
  }, 120_000);
});
