import { isFinalState } from '@shared/calls/attempt-states';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';

describe('a campaign run on the simulator', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('calls every eligible customer, follows each call to a final state and completes', async () => {
    const h = await createEngineHarness(nyMorning);
    const id = h.startCampaignFor(120, {
      pacing: { maxConcurrent: 10, maxPerMinute: 60 },
      retryPolicy: { retryOn: ['no_answer', 'busy'], delayMinutes: 30, maxAttempts: 2 },
    });
    await h.runUntilFinished(id);

    const attempts = h.attempts(id);
    expect(new Set(attempts.map((a) => a.customerId)).size).toBe(120);
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    expect(attempts.every((a) => a.attemptNumber <= 2)).toBe(true);
    // Retries only follow outcomes the policy retries.
    for (const retry of attempts.filter((a) => a.attemptNumber === 2)) {
      const first = attempts.find((a) => a.customerId === retry.customerId && a.attemptNumber === 1)!;
      expect(['no_answer', 'busy']).toContain(first.state);
    }
    expect(attempts.filter((a) => a.state === 'completed').every((a) => a.disposition !== null)).toBe(true);
    expect(h.campaignStatus(id)).toBe('completed');
    // Each attempt's history starts queued and its every move was logged.
    const moves = h.db.$client
      .prepare("select count(*) from call_events where type = 'state'")
      .pluck()
      .get() as number;
    expect(moves).toBeGreaterThanOrEqual(attempts.length * 3);
  });

  it('leaves the campaign’s voicemail message, personalised, on every machine that answers', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: true });
    const id = h.startCampaignFor(80, {
      script: {
        firstMessage: 'Hello {{customer.first_name}}, this is {{company_name}}. Say stop to opt out.',
        voicemailMessage: 'Hi {{customer.first_name}}, {{company_name}} here. Please call us back.',
      },
      retryPolicy: { retryOn: [], delayMinutes: 30, maxAttempts: 1 },
    });
    await h.runUntilFinished(id);
    const voicemails = h.db.$client
      .prepare(`select a.id, c.first_name as name, e.data as data from call_attempts a
        join customers c on c.id = a.customer_id
        left join call_events e on e.attempt_id = a.id and e.type = 'voicemail_left'
        where a.campaign_id = ? and a.state = 'voicemail'`)
      .all(id) as { id: number; name: string; data: string | null }[];
    expect(voicemails.length).toBeGreaterThan(0);
    for (const v of voicemails) {
      const message = `Hi ${v.name}, Navaia Realty here. Please call us back.`;
      expect(JSON.parse(v.data ?? 'null')).toEqual({ message });
      const said = h.db.$client
        .prepare("select text from transcripts where attempt_id = ? and speaker = 'system'")
        .pluck()
        .all(v.id);
      expect(said).toEqual([`Voicemail left: ${message}`]);
    }
    // Only machines get it.
    const left = h.db.$client
      .prepare("select count(*) from call_events where type = 'voicemail_left'")
      .pluck()
      .get();
    expect(left).toBe(voicemails.length);
  });
});

describe('a rehearsal', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('forecasts calls, conversions and cost without writing anything to the real database', async () => {
    const h = await createEngineHarness(nyMorning);
    const id = h.campaignFor(80);
    const call = invoker(h.app);
    const forecast = await call('campaigns.rehearse', { id, maxCustomers: 5000 });
    if (!forecast.ok) throw new Error(forecast.error.message);
    expect(forecast.result.customers).toBe(80);
    expect(forecast.result.attempts).toBeGreaterThanOrEqual(80);
    expect(forecast.result.answered).toBeGreaterThan(10);
    expect(forecast.result.cost).toBeGreaterThan(0);
    expect(forecast.result.durationSeconds).toBeGreaterThan(0);
    expect(h.db.$client.prepare('select count(*) from call_attempts').pluck().get()).toBe(0);
    expect(h.campaignStatus(id)).toBe('draft');
  });
});
