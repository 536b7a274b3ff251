import { isFinalState } from '@shared/calls/attempt-states';
import { describe, expect, it } from 'vitest';
import type { FakeProviderApiOptions } from '../../fakes/provider-api/server';
import { manyCustomers } from '../../helpers/engine-harness';
import { campaignStatus } from './campaign-app';
import { attemptsOf, expectNoDoubleDial } from './no-double-dial';
import { realProviderAppPerTest, waitFor } from './provider-setup';

describe('a campaign on the elevenlabs-twilio provider, against the fake APIs', () => {
  const real = realProviderAppPerTest();

  // Set up as README's checklist has it: a public URL (the webhooks), tools on the agent.
  const run = async (customers: number, dialFaults?: FakeProviderApiOptions['dialFaults']) => {
    const { db, campaignId: id } = await real.start(
      manyCustomers(customers),
      { dialFaults },
      { webhooks: true },
    );
    await waitFor('the campaign to complete', () => campaignStatus(db, id) === 'completed', 90_000);
    return { db, id };
  };

  it('completes, with outcomes, transcripts, an opt-out on the DNC list, and no customer dialled twice per attempt', async () => {
    const { db, id } = await run(20);
    const attempts = attemptsOf(db, id);
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    expect(new Set(attempts.map((a) => a.c)).size).toBe(20);
    expectNoDoubleDial(db, id, real.fake);
    // The last digit of each number picked its outcome in the fake (see scenarioByLastDigit).
    const first = attempts.filter((a) => a.n === 1);
    const byDigit = (d: string) => first.filter((a) => a.toNumber.endsWith(d));
    expect(byDigit('0').every((a) => a.state === 'busy')).toBe(true);
    expect(byDigit('1').every((a) => a.state === 'no_answer')).toBe(true);
    expect(byDigit('2').every((a) => a.state === 'voicemail')).toBe(true);
    expect(byDigit('5').every((a) => a.state === 'completed' && a.disposition === 'booked_viewing')).toBe(
      true,
    );
    expect(byDigit('3').every((a) => a.disposition === 'do_not_call_request')).toBe(true);
    // Unanswered calls were retried once (maxAttempts 2); answered ones were not.
    for (const a of byDigit('0')) expect(attempts.filter((b) => b.c === a.c).length).toBe(2);
    for (const a of byDigit('5')) expect(attempts.filter((b) => b.c === a.c).length).toBe(1);
    const dnc = db.$client.prepare('select phone from dnc_numbers').pluck().all() as string[];
    expect(dnc.sort()).toEqual(
      byDigit('3')
        .map((a) => a.toNumber)
        .sort(),
    );
    const escalated = byDigit('4').map(
      (a) =>
        db.$client.prepare('select escalated from call_attempts where id = ?').pluck().get(a.id) as number,
    );
    expect(escalated.every((e) => e === 1)).toBe(true);
    // Machines got the campaign's voicemail message, each attempt once.
    const left = db.$client
      .prepare(
        "select count(*) from call_events e join call_attempts a on a.id = e.attempt_id where e.type = 'voicemail_left'",
      )
      .pluck()
      .get() as number;
    expect(left).toBe(attempts.filter((a) => a.state === 'voicemail').length);
    expect(left).toBeGreaterThan(0);
    // Talk time from the answer (not from the dialling), and Twilio's price once it is known.
    const booked = byDigit('5')[0];
    const answeredAt = real.fake.calls.get(booked.callId!)!.createdAt + 4_000;
    const figures = db.$client.prepare(
      'select answered_at as answeredAt, duration_seconds as durationSeconds, cost_telephony as costTelephony from call_attempts where id = ?',
    );
    await waitFor('the price', () => (figures.get(booked.id) as { costTelephony: number }).costTelephony > 0);
    const row = figures.get(booked.id) as {
      answeredAt: number;
      durationSeconds: number;
      costTelephony: number;
    };
    expect(Math.abs(row.answeredAt - answeredAt)).toBeLessThan(1_000);
    expect(row).toMatchObject({ durationSeconds: 16, costTelephony: 0.014 });
    const lines = db.$client
      .prepare('select speaker, text from transcripts where attempt_id = ? order by seq')
      .all(byDigit('5')[0].id) as { speaker: string; text: string }[];
    expect(lines).toHaveLength(5);
    expect(lines[1]).toEqual({ speaker: 'customer', text: 'Sure, what is it about?' });
  }, 120_000);

  it('still completes when 20 % of dial requests fail (timeouts, 429, 5xx), without a double dial', async () => {
    const { db, id } = await run(30, {
      rate: 0.2,
      seed: 3,
      kinds: [429, 500, 503, 'timeout', 'timeout-after-effect'],
    });
    const attempts = attemptsOf(db, id);
    expect(attempts.every((a) => isFinalState(a.state))).toBe(true);
    expect(new Set(attempts.map((a) => a.c)).size).toBe(30);
    const failedDials = real.fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        /register-call|Calls\.json$/.test(r.path) &&
        r.answeredWith !== 200 &&
        r.answeredWith !== 201,
    );
    expect(failedDials.length).toBeGreaterThan(3);
    expectNoDoubleDial(db, id, real.fake);
    // Calls placed by creates that then timed out were found again by idempotency key, not dialled twice
    // (expectNoDoubleDial above covers them: every call the fake placed is known to its attempt).
    const placedThenTimedOut = real.fake.requests.filter(
      (r) => r.path.endsWith('/Calls.json') && r.answeredWith === 'no answer, done',
    ).length;
    expect(placedThenTimedOut).toBeGreaterThan(0);
    const reconciled = db.$client
      .prepare("select count(*) from call_events where type = 'reconciled'")
      .pluck()
      .get() as number;
    expect(reconciled).toBe(placedThenTimedOut);
  }, 120_000);
});
