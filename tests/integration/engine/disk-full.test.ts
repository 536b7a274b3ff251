import { runVirtualUntil } from '@core/clock/virtual-clock';
import { isFinalState } from '@shared/calls/attempt-states';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';

const minute = 60_000;

describe('a full disk', () => {
  const harness = engineHarnessPerTest();

  it('pauses dialling with “disk full” instead of crashing, and goes on by itself when space returns', async () => {
    const h = await harness(nyMorning);
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('uncaughtException', onUnhandled);
    process.on('unhandledRejection', onUnhandled);
    try {
      const id = h.startCampaignFor(400, {
        pacing: { maxConcurrent: 10, maxPerMinute: 60 },
        retryPolicy: { retryOn: ['no_answer', 'busy'], delayMinutes: 30, maxAttempts: 2 },
      });
      await runVirtualUntil(h.clock, nyMorning + 5 * minute);
      const c = h.db.$client;
      // The disk fills up: the database may not grow by a single page.
      c.pragma(`max_page_count = ${c.pragma('page_count', { simple: true })}`);
      await runVirtualUntil(h.clock, nyMorning + 60 * minute);
      expect(h.app.engine.storageOutage()).toMatchObject({ reason: 'disk_full' });
      expect(h.app.engine.progress(id)).toMatchObject({
        status: 'running',
        waitingReason: 'storage_unavailable',
        waitingMessage: expect.stringMatching(/The disk is full/),
      });
      const dialledWhileFull = h.attempts(id).filter((a) => a.dialedAt !== null).length;
      await runVirtualUntil(h.clock, nyMorning + 90 * minute);
      expect(h.attempts(id).filter((a) => a.dialedAt !== null).length).toBe(dialledWhileFull);

      // Space is freed: within the next probe the engine writes again and finishes the campaign.
      c.pragma('max_page_count = 1073741823');
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(h.app.engine.storageOutage()).toBeUndefined();
      await h.runUntilFinished(id);
      expect(h.campaignStatus(id)).toBe('completed');
      const attempts = h.attempts(id);
      expect(new Set(attempts.map((a) => a.customerId)).size).toBe(400);
      expect(attempts.filter((a) => !isFinalState(a.state as never))).toEqual([]);
      const keys = attempts.map((a) => `${a.customerId}:${a.attemptNumber}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUnhandled);
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);
});
