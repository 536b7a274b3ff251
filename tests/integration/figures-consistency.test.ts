import { describe, expect, it } from 'vitest';
import { runVirtualUntil } from '../../src/core/clock/virtual-clock';
import type { Db } from '../../src/core/db/open';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import {
  type EngineHarness,
  engineHarnessPerTest,
  insertCustomers,
  manyCustomers,
  nyMorning,
} from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';

/**
 * Every number a supervisor reads about a campaign — the campaign list, the monitor's pace strip, the
 * dashboard's cards, funnel, outcome chart, comparison table and activity chart, and the call history —
 * checked against counts written here, plainly, over `call_attempts`. None of the app's own queries is
 * reused: a figure that drifts from what the attempts say fails here.
 */

const engagedSeconds = 20;
const live = `state in ('dialing', 'ringing', 'in_progress', 'escalated')`;
const finished = `state in ('completed', 'no_answer', 'busy', 'voicemail', 'failed', 'cancelled')`;
const answered = `answered_at is not null and state <> 'voicemail'`;

interface CampaignTerms {
  conversions: string[];
  valuePerConversion: number;
  perCall: number;
  fixed: number;
}

/** What the attempts of one campaign say, counted from scratch. */
function countedFromAttempts(db: Db, campaignId: number, terms: CampaignTerms, now: number) {
  const one = (where: string, what = 'count(*)') =>
    db.$client
      .prepare(`select ${what} from call_attempts where campaign_id = ? and (${where})`)
      .pluck()
      .get(campaignId) as number;
  const converted = `disposition in (${terms.conversions.map((d) => `'${d}'`).join(', ')})`;
  const perState = db.$client
    .prepare(
      'select state, count(*) as count from call_attempts where campaign_id = ? and dialed_at is not null group by state',
    )
    .all(campaignId) as { state: string; count: number }[];
  const perDisposition = db.$client
    .prepare(`select disposition, count(*) as count from call_attempts
      where campaign_id = ? and dialed_at is not null and disposition is not null group by disposition`)
    .all(campaignId) as { disposition: string; count: number }[];
  const dialled = one('dialed_at is not null');
  const telephony = one('1', 'coalesce(sum(cost_telephony), 0)');
  const ai = one('1', 'coalesce(sum(cost_ai), 0)');
  const ran = db.$client
    .prepare('select started_at is not null from campaigns where id = ?')
    .pluck()
    .get(campaignId);
  const cost = telephony + ai + dialled * terms.perCall + (ran ? terms.fixed : 0);
  const convertedCustomers = one(converted, 'count(distinct customer_id)');
  const revenue = convertedCustomers * terms.valuePerConversion;
  return {
    attempts: one('1'),
    finished: one(finished),
    live: one(live),
    queued: one(`state = 'queued'`),
    dialledLastMinute: one(`dialed_at >= ${now - 60_000}`),
    dialled,
    answeredAttempts: one(answered),
    customersDialled: one('dialed_at is not null', 'count(distinct customer_id)'),
    customersAnswered: one(answered, 'count(distinct customer_id)'),
    customersEngaged: one(
      `${answered} and duration_seconds >= ${engagedSeconds}`,
      'count(distinct customer_id)',
    ),
    convertedCustomers,
    convertedAttempts: one(converted),
    averageTalk: one(answered, 'avg(duration_seconds)'),
    telephony,
    ai,
    cost,
    revenue,
    perState: Object.fromEntries(perState.map((r) => [r.state, r.count])),
    perDisposition: Object.fromEntries(perDisposition.map((r) => [r.disposition, r.count])),
  };
}

const unwrap = async <T>(
  response: Promise<{ ok: true; result: T } | { ok: false; error: { message: string } }>,
) => {
  const r = await response;
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
};

describe('every figure shown about a campaign', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('equals an independent count over the call attempts, while it runs and when it is over', async () => {
    const h: EngineHarness = await createEngineHarness(nyMorning, { seed: 7, transcripts: false });
    const call = invoker(h.app, 'supervisor');
    const ask = <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> =>
      unwrap(call(method, input));
    // Two audiences told apart by a tag, and customers no campaign may call.
    insertCustomers(h.db, manyCustomers(240, { tags: ['brickell'] }), h.clock.now());
    insertCustomers(
      h.db,
      manyCustomers(120, { tags: ['tenant'] }).map((c, i) => ({ ...c, phone: `+1305${3_000_000 + i}` })),
      h.clock.now(),
    );
    insertCustomers(
      h.db,
      manyCustomers(15, { tags: ['brickell'], consent: 'none' }).map((c, i) => ({
        ...c,
        phone: `+1786${4_000_000 + i}`,
      })),
      h.clock.now(),
    );
    const pacing = { maxConcurrent: 15, maxPerMinute: 40 };
    const retryPolicy = {
      retryOn: ['no_answer', 'busy', 'voicemail', 'failed'] as const,
      delayMinutes: 30,
      maxAttempts: 3,
    };
    const listings: CampaignTerms = {
      conversions: ['booked_viewing'],
      valuePerConversion: 450,
      perCall: 0.05,
      fixed: 120,
    };
    const renewals: CampaignTerms = {
      conversions: ['renewal_agreed'],
      valuePerConversion: 1200,
      perCall: 0,
      fixed: 0,
    };
    // Like the templates: customers not contacted in the last 14 days — whom a call then excludes.
    const criteria = (tag: string) => ({
      combinator: 'and' as const,
      rules: [
        { field: 'interests', operator: 'includesAny', value: [tag] },
        { field: 'lastContacted', operator: 'notWithinLastDays', value: 14 },
      ],
    });
    const tagOf = (id: number) => (id === brickell ? 'brickell' : 'tenant');
    /** Whom a campaign reached for, plus whom its audience still holds (and of those, who is callable). */
    const audienceOf = (id: number, now: number) => {
      const day = 86_400_000;
      const holds = `exists (select 1 from customer_tags t where t.customer_id = c.id and t.tag = '${tagOf(id)}')
        and (c.last_contacted_at is null or c.last_contacted_at < ${now - 14 * day})`;
      const callable = `c.consent <> 'none' and c.phone_valid = 1 and (c.last_contacted_at is null or c.last_contacted_at < ${now - 7 * day})
        and not exists (select 1 from dnc_numbers d where d.phone = c.phone)`;
      const reached = `c.id in (select customer_id from call_attempts where campaign_id = ${id})`;
      const count = (where: string) =>
        h.db.$client.prepare(`select count(*) from customers c where ${where}`).pluck().get() as number;
      return {
        targeted: count(`(${holds}) or ${reached}`),
        eligible: count(`(${holds} and ${callable}) or ${reached}`),
      };
    };
    const brickell = h.createCampaign({
      name: 'Brickell listings',
      criteria: criteria('brickell'),
      pacing,
      retryPolicy: { ...retryPolicy, retryOn: [...retryPolicy.retryOn] },
      goal: { conversionDispositions: ['booked_viewing'], valuePerConversion: 450 },
      costs: { telephonyPerMinute: 0.014, aiPerMinute: 0.08, perCall: 0.05, fixed: 120 },
    });
    const tenants = h.createCampaign({
      name: 'Lease renewals',
      objective: 'renewal',
      criteria: criteria('tenant'),
      pacing,
      retryPolicy: { ...retryPolicy, retryOn: [...retryPolicy.retryOn] },
      goal: { conversionDispositions: ['renewal_agreed'], valuePerConversion: 1200 },
    });
    // A draft over everyone: it has called nobody and targets nobody yet.
    const draft = h.createCampaign({
      name: 'Next month',
      costs: { telephonyPerMinute: 0.014, aiPerMinute: 0.08, perCall: 0, fixed: 5000 },
    });
    const terms = new Map([
      [brickell, listings],
      [tenants, renewals],
      [draft, { conversions: ['booked_viewing'], valuePerConversion: 0, perCall: 0, fixed: 5000 }],
    ]);
    await ask('campaigns.start', { id: brickell });
    await ask('campaigns.start', { id: tenants });

    const checkEveryFigure = async () => {
      const now = h.clock.now();
      const list = await ask('campaigns.list', {});
      const byCampaign = await ask('metrics.byCampaign', {});
      const totals = {
        dialled: 0,
        answered: 0,
        customers: 0,
        converted: 0,
        cost: 0,
        revenue: 0,
        targeted: 0,
      };
      for (const [id, t] of terms) {
        const counted = countedFromAttempts(h.db, id, t, now);
        const label = `campaign ${id} at ${new Date(now).toISOString()}`;
        // The campaign list.
        expect(
          list.find((c) => c.id === id),
          label,
        ).toMatchObject({
          attempts: counted.attempts,
          finishedAttempts: counted.finished,
          customersCalled: counted.customersDialled,
          liveCalls: counted.live,
        });
        // The monitor's pace strip.
        expect(await ask('campaigns.progress', { id }), label).toMatchObject({
          queued: counted.queued,
          live: counted.live,
          done: counted.finished,
          callsPerMinute: counted.dialledLastMinute,
        });
        // The dashboard's cards, funnel and outcome chart for this campaign, and its comparison row.
        const summary = await ask('metrics.summary', { campaignId: id });
        const row = byCampaign.find((c) => c.campaignId === id);
        for (const m of [summary, row]) {
          expect(m?.attempts, label).toEqual({
            total: counted.attempts,
            dialled: counted.dialled,
            answered: counted.answeredAttempts,
            live: counted.live,
          });
          const f = m!.funnel;
          // A funnel narrows: never more dialled than targeted.
          expect(
            [f.targeted, f.eligible, f.dialled, f.answered].every((n, i, all) => i === 0 || n <= all[i - 1]),
            label,
          ).toBe(true);
          if (id !== draft)
            expect({ targeted: f.targeted, eligible: f.eligible }, label).toEqual(audienceOf(id, now));
          expect(m?.funnel, label).toMatchObject({
            dialled: counted.customersDialled,
            answered: counted.customersAnswered,
            engaged: counted.customersEngaged,
            converted: counted.convertedCustomers,
          });
          expect(m?.answerRate ?? 0, label).toBeCloseTo(
            counted.dialled ? counted.answeredAttempts / counted.dialled : 0,
            10,
          );
          expect(m?.averageTalkSeconds ?? 0, label).toBeCloseTo(counted.averageTalk ?? 0, 6);
          expect(m?.cost.telephony, label).toBeCloseTo(counted.telephony, 6);
          expect(m?.cost.ai, label).toBeCloseTo(counted.ai, 6);
          expect(m?.cost.total, label).toBeCloseTo(counted.cost, 6);
          expect(m?.revenue, label).toBeCloseTo(counted.revenue, 6);
          expect(m?.roi ?? null, label).toEqual(
            counted.cost > 0 ? expect.closeTo((counted.revenue - counted.cost) / counted.cost, 8) : null,
          );
          expect(Object.fromEntries((m?.outcomes ?? []).map((o) => [o.state, o.count])), label).toEqual(
            counted.perState,
          );
          expect(
            Object.fromEntries((m?.dispositions ?? []).map((d) => [d.disposition, d.count])),
            label,
          ).toEqual(counted.perDisposition);
        }
        // The activity chart adds up to the same calls, answers and conversions.
        const { points: series } = await ask('metrics.series', { campaignId: id });
        const sum = (pick: (p: (typeof series)[number]) => number) => series.reduce((s, p) => s + pick(p), 0);
        expect(
          sum((p) => p.dialled),
          label,
        ).toBe(counted.dialled);
        expect(
          sum((p) => p.answered),
          label,
        ).toBe(counted.answeredAttempts);
        expect(
          sum((p) => p.conversions),
          label,
        ).toBe(counted.convertedAttempts);
        // The call history: every call placed, and each filter the screen offers.
        expect((await ask('calls.history', { campaignId: id, limit: 1 })).total, label).toBe(counted.dialled);
        for (const [state, count] of Object.entries(counted.perState)) {
          const history = await ask('calls.history', {
            campaignId: id,
            state: state as 'completed',
            limit: 1,
          });
          expect(history.total, `${label}, ${state}`).toBe(count);
        }
        for (const [disposition, count] of Object.entries(counted.perDisposition)) {
          const history = await ask('calls.history', {
            campaignId: id,
            disposition: disposition as 'interested',
            limit: 1,
          });
          expect(history.total, `${label}, ${disposition}`).toBe(count);
        }
        totals.dialled += counted.dialled;
        totals.answered += counted.answeredAttempts;
        totals.customers += counted.customersDialled;
        totals.converted += counted.convertedCustomers;
        totals.cost += counted.cost;
        totals.revenue += counted.revenue;
        const ran = h.db.$client
          .prepare('select started_at is not null from campaigns where id = ?')
          .pluck()
          .get(id);
        totals.targeted += ran ? audienceOf(id, now).targeted : 0;
      }
      // The dashboard with "All campaigns".
      const overall = await ask('metrics.summary', {});
      expect(overall.attempts.dialled).toBe(totals.dialled);
      expect(overall.attempts.answered).toBe(totals.answered);
      expect(overall.funnel.dialled).toBe(totals.customers);
      expect(overall.funnel.converted).toBe(totals.converted);
      expect(overall.funnel.targeted).toBe(totals.targeted);
      expect(overall.cost.total).toBeCloseTo(totals.cost, 6);
      expect(overall.revenue).toBeCloseTo(totals.revenue, 6);
      expect((await ask('calls.history', { limit: 1 })).total).toBe(totals.dialled);
    };

    // While both run: check at a few moments, and take over the first call that asks for a person.
    let takenOver: number | undefined;
    for (let minute = 1; minute <= 40; minute++) {
      await runVirtualUntil(h.clock, nyMorning + minute * 60_000);
      if (minute % 10 === 0) await checkEveryFigure();
      if (takenOver !== undefined) continue;
      takenOver = h.db.$client
        .prepare("select id from call_attempts where state = 'escalated' order by id limit 1")
        .pluck()
        .get() as number | undefined;
      if (takenOver === undefined) continue;
      await ask('calls.takeOver', { attemptId: takenOver, agentName: 'Alice' });
      const objective = h.db.$client
        .prepare(
          'select c.objective from call_attempts a join campaigns c on c.id = a.campaign_id where a.id = ?',
        )
        .pluck()
        .get(takenOver);
      await ask('calls.end', {
        attemptId: takenOver,
        disposition: objective === 'renewal' ? 'renewal_agreed' : 'booked_viewing',
        notes: 'Agreed on the phone',
      });
    }
    expect(takenOver, 'a customer asked for a person').toBeDefined();

    // The renewals are stopped while calls are live, leaving them to finish; the listings run to the end.
    while ((await ask('campaigns.progress', { id: tenants })).live === 0) {
      await runVirtualUntil(h.clock, h.clock.now() + 5_000);
    }
    await ask('campaigns.stop', { id: tenants, hangUpLiveCalls: false });
    expect((await ask('campaigns.progress', { id: tenants })).live).toBeGreaterThan(0);
    await checkEveryFigure();
    await h.runUntilFinished(brickell);
    await runVirtualUntil(h.clock, h.clock.now() + 10 * 60_000);
    expect(h.campaignStatus(brickell)).toBe('completed');
    expect(h.db.$client.prepare(`select count(*) from call_attempts where ${live}`).pluck().get()).toBe(0);
    // The stopped campaign let its calls finish, and the engine let go of it after the last one.
    expect(h.app.engine.isRunning(tenants)).toBe(false);
    await checkEveryFigure();
    // A campaign of this size exercises every kind of outcome the figures count.
    const states = h.db.$client.prepare('select distinct state from call_attempts').pluck().all();
    expect(states).toEqual(
      expect.arrayContaining(['completed', 'no_answer', 'busy', 'voicemail', 'cancelled']),
    );
    expect(h.attempts(brickell).length).toBeGreaterThan(300);
  });
});
