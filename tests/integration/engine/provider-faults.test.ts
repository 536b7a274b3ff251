import { isFinalState } from '@shared/calls/attempt-states';
import { describe, expect, it } from 'vitest';
import { attemptsWithCalls, expectOneSimulatorCallPerAttempt } from '../../helpers/engine-attempts';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';

describe('when the provider fails 20 % of dial requests (timeouts, 429, 503)', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('the campaign still completes, refused dials wait and go again without using up an attempt, and no attempt is placed twice', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: false, faultRate: 0.2, latencyMs: 300 });
    const id = h.startCampaignFor(300, {
      pacing: { maxConcurrent: 20, maxPerMinute: 120 },
      retryPolicy: {
        retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
        delayMinutes: 30,
        maxAttempts: 4,
      },
    });
    await h.runUntilFinished(id);
    expect(h.campaignStatus(id)).toBe('completed');

    const attempts = attemptsWithCalls(h.db, id);
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    expect(new Set(attempts.map((a) => a.c)).size).toBe(300);
    // A refused dial is not a failed call: no attempt ends on a provider's 429 or 503.
    expect(attempts.filter((a) => a.error && /429|503/.test(a.error))).toEqual([]);

    // Refusals happened; each refused attempt went back to the queue, waited, and was dialled again.
    const events = h.db.$client
      .prepare(`select attempt_id as id, at, from_state as f, to_state as t, data from call_events
        where type = 'state' and ((from_state = 'dialing' and to_state = 'queued') or to_state = 'dialing')
        order by id, at, rowid`)
      .all() as { id: number; at: number; f: string; t: string; data: string | null }[];
    const refusals = events.filter((e) => e.t === 'queued');
    expect(refusals.length).toBeGreaterThan(10);
    for (const refusal of refusals) {
      expect(refusal.data).toMatch(/429|503/);
      const redial = events.find((e) => e.id === refusal.id && e.t === 'dialing' && e.at > refusal.at);
      expect(redial, `redial of attempt ${refusal.id}`).toBeDefined();
      expect(redial!.at - refusal.at).toBeGreaterThanOrEqual(2_000);
    }
    // Every dial of an attempt but its last was refused: the attempt number counts calls, not requests.
    for (const a of attempts.filter((x) => x.callId !== null)) {
      const dials = events.filter((e) => e.id === a.id && e.t === 'dialing').length;
      expect(dials - 1).toBe(refusals.filter((e) => e.id === a.id).length);
    }

    // Every call the provider placed belongs to exactly one attempt, which knows its call id — including
    // calls placed by requests that timed out (the engine found them by idempotency key).
    expectOneSimulatorCallPerAttempt(h.db, attempts);
    const reconciled = h.db.$client
      .prepare("select count(*) from call_events where type = 'reconciled'")
      .pluck()
      .get() as number;
    expect(reconciled).toBeGreaterThan(0);
  });
});
