import { afterEach, describe, expect, it } from 'vitest';
import { isFinalState } from '../../../src/shared/calls/attempt-states';
import {
  createEngineHarness,
  type EngineHarness,
  insertCustomers,
  manyCustomers,
} from '../../helpers/engine-harness';

const nyMorning = Date.UTC(2026, 10, 24, 15, 0);

describe('when the provider fails 20 % of dial requests (timeouts, 429, 503)', () => {
  let h: EngineHarness;
  afterEach(async () => h.cleanup());

  it('the campaign still completes, retries with backoff, and never places two calls for one attempt', async () => {
    h = await createEngineHarness(nyMorning, { transcripts: false, faultRate: 0.2, latencyMs: 300 });
    insertCustomers(h.db, manyCustomers(300), nyMorning);
    const id = h.createCampaign({
      pacing: { maxConcurrent: 20, maxPerMinute: 120 },
      retryPolicy: {
        retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
        delayMinutes: 30,
        maxAttempts: 4,
      },
    });
    h.app.engine.startCampaign(id);
    await h.runUntilFinished(id);
    expect(h.db.$client.prepare('select status from campaigns where id = ?').pluck().get(id)).toBe(
      'completed',
    );

    const attempts = h.db.$client
      .prepare(`select id, customer_id as c, attempt_number as n, idempotency_key as k, state, error, provider_call_id as callId,
          queued_at as q, not_before as nb, ended_at as e from call_attempts where campaign_id = ? order by c, n`)
      .all(id) as {
      id: number;
      c: number;
      n: number;
      k: string;
      state: string;
      error: string | null;
      callId: string | null;
      nb: number | null;
      e: number | null;
    }[];
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    expect(new Set(attempts.map((a) => a.c)).size).toBe(300);

    // Provider errors happened, and were retried.
    const providerErrors = attempts.filter((a) => a.error && /429|503/.test(a.error));
    expect(providerErrors.length).toBeGreaterThan(10);
    for (const failed of providerErrors.filter((a) => a.n < 4)) {
      const next = attempts.find((a) => a.c === failed.c && a.n === failed.n + 1);
      expect(next, `retry of ${failed.k}`).toBeDefined();
      expect(next!.nb! - failed.e!).toBeGreaterThanOrEqual(30_000);
    }

    // Every call the provider placed belongs to exactly one attempt, which knows its call id — including
    // calls placed by requests that timed out (the engine found them by idempotency key).
    const placed = h.db.$client
      .prepare('select call_id as callId, idempotency_key as k from simulator_calls')
      .all() as { callId: string; k: string }[];
    const byKey = new Map(attempts.map((a) => [a.k, a]));
    for (const call of placed) expect(byKey.get(call.k)?.callId).toBe(call.callId);
    const reconciled = h.db.$client
      .prepare("select count(*) from call_events where type = 'reconciled'")
      .pluck()
      .get() as number;
    expect(reconciled).toBeGreaterThan(0);
    // No attempt failed by a provider error was placed.
    for (const failed of providerErrors) expect(placed.some((p) => p.k === failed.k)).toBe(false);
  });
});
