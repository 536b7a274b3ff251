import { describe, expect, it } from 'vitest';
import { runVirtualUntil } from '../../src/core/clock/virtual-clock';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { engineHarnessPerTest, insertCustomers, manyCustomers, nyMorning } from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';

describe('removing the demo customers', () => {
  const harness = engineHarnessPerTest();

  it('removes only demo customers, and not while a campaign still has them queued or on a call', async () => {
    const h = await harness(nyMorning);
    seedDemoData(h.db, { customers: 300, now: nyMorning });
    insertCustomers(h.db, manyCustomers(5), nyMorning);
    const call = invoker(h.app);
    const id = h.createCampaign({ pacing: { maxConcurrent: 2, maxPerMinute: 2 } });
    h.app.engine.startCampaign(id);
    expect(await call('customers.removeDemo', {})).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_state',
        message: expect.stringMatching(/calls to demo customers are queued or live/),
      },
    });
    await call('campaigns.stop', { id, hangUpLiveCalls: true });
    // The calls hung up end a moment later.
    await runVirtualUntil(h.clock, h.clock.now() + 30 * 60_000);
    expect(await call('customers.removeDemo', {})).toEqual({ ok: true, result: { removed: 300 } });
    const left = h.db.$client.prepare('select count(*) from customers').pluck().get();
    expect(left).toBe(5);
  });
});
