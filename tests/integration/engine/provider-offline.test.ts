import { createCampaign } from '@core/campaigns/campaign-store';
import { runVirtualUntil } from '@core/clock/virtual-clock';
import { isFinalState } from '@shared/calls/attempt-states';
import { describe, expect, it } from 'vitest';
import { attemptsWithCalls, expectOneSimulatorCallPerAttempt } from '../../helpers/engine-attempts';
import {
  engineHarnessPerTest,
  insertCustomers,
  manyCustomers,
  nyMorning,
} from '../../helpers/engine-harness';

const minute = 60_000;
const outage = { from: nyMorning + 10 * minute, until: nyMorning + 40 * minute };

describe('when the provider cannot be reached for half an hour mid-campaign', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('stops dialling without using up anyone’s attempts, says why, and resumes by itself', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: false, latencyMs: 300, outages: [outage] });
    const id = h.campaignFor(400, {
      pacing: { maxConcurrent: 10, maxPerMinute: 10 },
      retryPolicy: {
        retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
        delayMinutes: 60,
        maxAttempts: 2,
      },
    });
    const sql = h.db.$client;
    const placedCount = sql.prepare('select count(*) from simulator_calls').pluck();
    const dialsBetween = sql
      .prepare(
        "select count(*) from call_events where type = 'state' and to_state = 'dialing' and at >= ? and at < ?",
      )
      .pluck();
    h.app.engine.startCampaign(id);

    // Before: calls go out at the campaign's pace.
    await runVirtualUntil(h.clock, outage.from);
    const placedBefore = placedCount.get() as number;
    expect(placedBefore).toBeGreaterThan(80);
    expect(h.app.engine.progress(id).waitingReason).toBeNull();
    const liveAtOutage = sql
      .prepare(
        "select id from call_attempts where state in ('dialing', 'ringing', 'in_progress', 'escalated')",
      )
      .pluck()
      .all() as number[];
    expect(liveAtOutage.length).toBeGreaterThan(0);

    // A few refused dials tell the engine the provider is out; it stops dialling and says so.
    await runVirtualUntil(h.clock, outage.from + 2 * minute);
    expect(h.app.engine.providerOutage('simulator')).toBeDefined();
    const waiting = h.app.engine.progress(id);
    expect(waiting.status).toBe('running');
    expect(waiting.waitingReason).toBe('provider_unreachable');
    expect(waiting.waitingMessage).toMatch(/simulator provider cannot be reached .*ECONNREFUSED/);
    const refusedEarly = dialsBetween.get(outage.from, outage.from + 2 * minute) as number;
    expect(refusedEarly).toBeGreaterThanOrEqual(3);
    expect(refusedEarly).toBeLessThanOrEqual(5);

    // While it is out: no dial at all (the provider is probed instead), and the calls that were live
    // when it went out are followed to their end.
    await runVirtualUntil(h.clock, outage.until - minute);
    expect(dialsBetween.get(outage.from + 2 * minute, outage.until - minute)).toBe(0);
    expect(placedCount.get()).toBe(placedBefore);
    const stillLive = sql
      .prepare(`select count(*) from call_attempts where id in (${liveAtOutage.map(() => '?').join(',')})
        and state in ('dialing', 'ringing', 'in_progress', 'escalated')`)
      .pluck()
      .get(...liveAtOutage);
    expect(stillLive).toBe(0);
    expect(h.app.engine.progress(id).waitingReason).toBe('provider_unreachable');

    // Back: a probe finds it (probes back off to at most 5 minutes) and dialling resumes unprompted.
    await runVirtualUntil(h.clock, outage.until + 6 * minute);
    expect(h.app.engine.providerOutage('simulator')).toBeUndefined();
    expect(h.app.engine.progress(id).waitingReason).toBeNull();
    const firstAfter = sql
      .prepare('select min(started_at) from simulator_calls where started_at >= ?')
      .pluck()
      .get(outage.until) as number;
    expect(firstAfter - outage.until).toBeLessThanOrEqual(5 * minute);

    await h.runUntilFinished(id);
    expect(h.app.engine.progress(id).status).toBe('completed');
    const attempts = attemptsWithCalls(h.db, id);
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    // Nobody's attempt was used up by the outage: no attempt failed on it, and every customer was called.
    expect(attempts.filter((a) => a.error?.includes('ECONNREFUSED'))).toEqual([]);
    expect(attempts.filter((a) => a.state === 'failed' && a.callId === null)).toEqual([]);
    expect(new Set(attempts.filter((a) => a.n === 1 && a.callId !== null).map((a) => a.c)).size).toBe(400);
    // The refused attempts went back to the queue and were placed later under the same key.
    const refused = sql
      .prepare(
        "select distinct attempt_id from call_events where from_state = 'dialing' and to_state = 'queued'",
      )
      .pluck()
      .all() as number[];
    expect(refused.length).toBe(refusedEarly);
    for (const attemptId of refused) expect(attempts.find((a) => a.id === attemptId)?.callId).not.toBeNull();
    expectOneSimulatorCallPerAttempt(h.db, attempts);
  });

  it('tries one dial at a time, backing off, through a provider that cannot be probed', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: false, latencyMs: 300, outages: [outage] });
    // Like a provider adapter without a health check.
    delete (h.app.engine.providerOf('simulator') as { probe?: unknown }).probe;
    const id = h.campaignFor(400, {
      pacing: { maxConcurrent: 10, maxPerMinute: 10 },
      retryPolicy: { retryOn: ['no_answer'], delayMinutes: 60, maxAttempts: 1 },
    });
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, outage.until);
    const dialTimes = h.db.$client
      .prepare(
        "select at from call_events where type = 'state' and to_state = 'dialing' and at >= ? order by at",
      )
      .pluck()
      .all(outage.from) as number[];
    // Three refusals open the outage; then single trial dials, each further apart than the one before.
    const trials = dialTimes.slice(3);
    expect(trials.length).toBeGreaterThanOrEqual(3);
    expect(trials.length).toBeLessThanOrEqual(12);
    for (let i = 2; i < trials.length; i++)
      expect(trials[i] - trials[i - 1]).toBeGreaterThanOrEqual(trials[i - 1] - trials[i - 2]);
    await h.runUntilFinished(id);
    const attempts = h.db.$client
      .prepare('select customer_id as c, provider_call_id as callId from call_attempts where campaign_id = ?')
      .all(id) as { c: number; callId: string | null }[];
    // Each customer had one attempt (max attempts 1), and every one of them was placed in the end.
    expect(attempts.length).toBe(400);
    expect(attempts.filter((a) => a.callId === null)).toEqual([]);
  });
});

describe('when the app restarts while the provider cannot be reached', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('starts anyway, keeps the call it cannot ask about, and reconciles it once the provider answers', async () => {
    const restart = nyMorning;
    const h = await createEngineHarness(
      restart,
      { transcripts: false, outages: [{ from: restart, until: restart + 10 * minute }] },
      (db) => {
        // The previous run: a running campaign, and a call placed just before the crash whose
        // confirmation never reached the database.
        const [first] = insertCustomers(db, manyCustomers(3), restart - 30 * minute);
        const campaign = createCampaign(
          db,
          {
            name: 'Before the crash',
            objective: 'neighborhood_interest',
            script: { firstMessage: 'Hello {{customer.first_name}}. Say stop to opt out.' },
            schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
            retryPolicy: { retryOn: ['failed'], delayMinutes: 30, maxAttempts: 2 },
          },
          restart - 30 * minute,
        );
        db.$client.prepare("update campaigns set status = 'running' where id = ?").run(campaign.id);
        const key = `${campaign.id}:${first}:1`;
        const dialedAt = restart - 40_000;
        const attemptId = Number(
          db.$client
            .prepare(`insert into call_attempts (campaign_id, customer_id, attempt_number, idempotency_key, state,
                provider, to_number, not_before, queued_at, dialed_at, updated_at)
              values (?, ?, 1, ?, 'dialing', 'simulator', '+12122000000', ?, ?, ?, ?)`)
            .run(campaign.id, first, key, dialedAt, dialedAt, dialedAt, dialedAt).lastInsertRowid,
        );
        const request = {
          attemptId,
          idempotencyKey: key,
          campaignId: campaign.id,
          customerId: first,
          to: '+12122000000',
          from: null,
          agentId: null,
          firstMessage: 'Hello',
          variables: {},
          customerTimeZone: 'America/New_York',
        };
        db.$client
          .prepare(
            'insert into simulator_calls (call_id, idempotency_key, attempt_id, started_at, request) values (?, ?, ?, ?, ?)',
          )
          .run('SIM-before-crash', key, attemptId, dialedAt, JSON.stringify(request));
      },
    );
    const sql = h.db.$client;
    const attempt = sql.prepare(
      "select state, provider_call_id as callId from call_attempts where idempotency_key like '%:1' order by id limit 1",
    );

    await runVirtualUntil(h.clock, restart + 5 * minute);
    expect(attempt.get()).toEqual({ state: 'dialing', callId: null });
    expect(h.app.engine.progress(1).status).toBe('running');

    await h.runUntilFinished(1);
    expect(h.app.engine.progress(1).status).toBe('completed');
    // Found by its idempotency key once the provider answered, and followed to its end — not dialled again.
    const after = attempt.get() as { state: string; callId: string };
    expect(after.callId).toBe('SIM-before-crash');
    expect(isFinalState(after.state)).toBe(true);
    const placed = sql.prepare('select idempotency_key from simulator_calls').pluck().all() as string[];
    expect(new Set(placed).size).toBe(placed.length);
    expect(placed.filter((k) => k.endsWith(':1')).length).toBe(3);
  });
});

describe('a dial the provider refused', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('is not a contact: the customer’s last contact is set only once the provider takes the call', async () => {
    const down = { from: nyMorning, until: nyMorning + 10 * minute };
    const h = await createEngineHarness(nyMorning, { transcripts: false, latencyMs: 300, outages: [down] });
    const [customer] = insertCustomers(h.db, manyCustomers(1), nyMorning);
    const id = h.createCampaign({ retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 } });
    const sql = h.db.$client;
    const lastContacted = () =>
      sql.prepare('select last_contacted_at from customers where id = ?').pluck().get(customer);
    h.app.engine.startCampaign(id);

    await runVirtualUntil(h.clock, down.until - minute);
    const refusals = sql
      .prepare("select count(*) from call_events where from_state = 'dialing' and to_state = 'queued'")
      .pluck()
      .get() as number;
    expect(refusals).toBeGreaterThanOrEqual(1);
    expect(sql.prepare('select state, dialed_at from call_attempts').get()).toEqual({
      state: 'queued',
      dialed_at: null,
    });
    expect(lastContacted()).toBeNull();

    await h.runUntilFinished(id);
    const accepted = sql
      .prepare('select dialed_at as dialedAt, provider_call_id as callId from call_attempts')
      .get() as { dialedAt: number; callId: string };
    expect(accepted.callId).not.toBeNull();
    expect(accepted.dialedAt).toBeGreaterThanOrEqual(down.until);
    expect(lastContacted()).toBe(accepted.dialedAt);
  });
});
