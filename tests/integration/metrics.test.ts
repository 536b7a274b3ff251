import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/open';
import { campaignMetrics, overallMetrics } from '../../src/core/metrics/campaign-metrics';
import { metricsSeries } from '../../src/core/metrics/metrics-series';
import { createTempDb } from '../helpers/temp-db';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 10, 2, 14, 0, 0);

/** A campaign that has run (it has a start time) unless `draft`. */
function insertCampaign(db: Db, id: number, goal: object, options: { costs?: object; draft?: boolean } = {}) {
  db.$client
    .prepare(
      `insert into campaigns (id, name, objective, status, criteria, script, schedule, pacing, retry_policy, goal, costs,
         created_at, updated_at, started_at)
       values (?, ?, 'custom', ?, '{}', '{}', '{}', '{}', '{}', ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      `Campaign ${id}`,
      options.draft ? 'draft' : 'running',
      JSON.stringify(goal),
      JSON.stringify(options.costs ?? {}),
      t0,
      t0,
      options.draft ? null : t0,
    );
}

function insertCustomers(db: Db, n: number) {
  const insert = db.$client.prepare(
    `insert into customers (id, first_name, phone, time_zone, created_at, updated_at) values (?, ?, ?, 'America/New_York', ?, ?)`,
  );
  for (let i = 1; i <= n; i++) insert.run(i, `C${i}`, `+1212555${String(i).padStart(4, '0')}`, t0, t0);
}

interface AttemptRow {
  campaign: number;
  customer: number;
  n?: number;
  state: string;
  dialedAt?: number | null;
  answeredAt?: number | null;
  duration?: number | null;
  disposition?: string | null;
  telephony?: number;
  ai?: number;
}

function insertAttempt(db: Db, a: AttemptRow) {
  const n = a.n ?? 1;
  db.$client
    .prepare(
      `insert into call_attempts (campaign_id, customer_id, attempt_number, idempotency_key, state, disposition, provider,
         to_number, queued_at, dialed_at, answered_at, duration_seconds, cost_telephony, cost_ai, updated_at)
       values (?, ?, ?, ?, ?, ?, 'simulator', '+12125550000', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      a.campaign,
      a.customer,
      n,
      `${a.campaign}:${a.customer}:${n}`,
      a.state,
      a.disposition ?? null,
      t0,
      a.dialedAt === undefined ? t0 : a.dialedAt,
      a.answeredAt ?? null,
      a.duration ?? null,
      a.telephony ?? 0,
      a.ai ?? 0,
      t0,
    );
}

describe('campaign metrics computed from call attempts', () => {
  let db: Db;
  let cleanup: () => void;
  const audience = (id: number) => (id === 1 ? { matched: 10, eligible: 8 } : { matched: 4, eligible: 4 });

  beforeEach(() => {
    ({ db, cleanup } = createTempDb());
    insertCustomers(db, 10);
    insertCampaign(db, 1, { conversionDispositions: ['booked_viewing'], valuePerConversion: 500 });
    insertCampaign(db, 2, { valuePerConversion: 100 });
    // Campaign 1: customer 1 no answer then answered + booked; 2 voicemail; 3 answered briefly, not interested;
    // 4 answered long, interested; 5 busy; 6 still queued; 7 live call in progress.
    insertAttempt(db, { campaign: 1, customer: 1, n: 1, state: 'no_answer', telephony: 0.02 });
    insertAttempt(db, {
      campaign: 1,
      customer: 1,
      n: 2,
      state: 'completed',
      dialedAt: t0 + hour,
      answeredAt: t0 + hour,
      duration: 120,
      disposition: 'booked_viewing',
      telephony: 0.3,
      ai: 0.7,
    });
    insertAttempt(db, {
      campaign: 1,
      customer: 2,
      state: 'voicemail',
      answeredAt: t0,
      duration: 25,
      telephony: 0.1,
    });
    insertAttempt(db, {
      campaign: 1,
      customer: 3,
      state: 'completed',
      answeredAt: t0,
      duration: 10,
      disposition: 'not_interested',
      telephony: 0.05,
      ai: 0.1,
    });
    insertAttempt(db, {
      campaign: 1,
      customer: 4,
      state: 'completed',
      answeredAt: t0,
      duration: 60,
      disposition: 'interested',
      telephony: 0.2,
      ai: 0.3,
    });
    insertAttempt(db, { campaign: 1, customer: 5, state: 'busy', telephony: 0.01 });
    insertAttempt(db, { campaign: 1, customer: 6, state: 'queued', dialedAt: null });
    insertAttempt(db, { campaign: 1, customer: 7, state: 'in_progress', answeredAt: t0, telephony: 0.02 });
    // Campaign 2: one renewal agreed (a default conversion disposition), one busy.
    insertAttempt(db, {
      campaign: 2,
      customer: 8,
      state: 'completed',
      answeredAt: t0,
      duration: 90,
      disposition: 'renewal_agreed',
      telephony: 0.4,
      ai: 0.6,
    });
    insertAttempt(db, { campaign: 2, customer: 9, state: 'busy', telephony: 0 });
  });

  afterEach(() => cleanup());

  it('counts the funnel in distinct customers, voicemail not counting as answered', () => {
    const m = campaignMetrics(db, 1, audience);
    // answered: customers 1, 3, 4, 7; engaged (>= 20 s): 1 (120 s) and 4 (60 s) — 3 talked 10 s, 7 is still talking
    expect(m.funnel).toEqual({
      targeted: 10,
      eligible: 8,
      dialled: 6,
      answered: 4,
      engaged: 2,
      converted: 1,
    });
    expect(m.attempts).toEqual({ total: 8, dialled: 7, answered: 4, live: 1 });
  });

  it('computes answer rate, talk time, cost, revenue, ROI and cost per conversion by hand-checkable rules', () => {
    const m = campaignMetrics(db, 1, audience);
    expect(m.answerRate).toBeCloseTo(4 / 7, 10);
    expect(m.averageTalkSeconds).toBeCloseTo((120 + 10 + 60) / 3, 10);
    const telephony = 0.02 + 0.3 + 0.1 + 0.05 + 0.2 + 0.01 + 0.02;
    const ai = 0.7 + 0.1 + 0.3;
    expect(m.cost.telephony).toBeCloseTo(telephony, 10);
    expect(m.cost.ai).toBeCloseTo(ai, 10);
    expect(m.cost.total).toBeCloseTo(telephony + ai, 10);
    expect(m.revenue).toBe(500);
    expect(m.roi).toBeCloseTo((500 - (telephony + ai)) / (telephony + ai), 10);
    expect(m.costPerConversion).toBeCloseTo(telephony + ai, 10);
  });

  it('breaks the calls placed down by state and disposition (a queued attempt is no call)', () => {
    const m = campaignMetrics(db, 1, audience);
    expect(m.outcomes).toEqual([
      { state: 'completed', count: 3 },
      { state: 'busy', count: 1 },
      { state: 'in_progress', count: 1 },
      { state: 'no_answer', count: 1 },
      { state: 'voicemail', count: 1 },
    ]);
    expect(m.dispositions).toEqual([
      { disposition: 'booked_viewing', count: 1 },
      { disposition: 'interested', count: 1 },
      { disposition: 'not_interested', count: 1 },
    ]);
  });

  it('uses the default conversion dispositions when a campaign goal names none', () => {
    const m = campaignMetrics(db, 2, audience);
    expect(m.funnel.converted).toBe(1);
    expect(m.revenue).toBe(100);
    expect(m.roi).toBeCloseTo((100 - 1) / 1, 10);
  });

  it('adds every campaign up for the overall figures', () => {
    const m = overallMetrics(db, audience);
    expect(m.campaignId).toBeNull();
    expect(m.funnel).toEqual({
      targeted: 14,
      eligible: 12,
      dialled: 8,
      answered: 5,
      engaged: 3,
      converted: 2,
    });
    expect(m.revenue).toBe(600);
    expect(m.answerRate).toBeCloseTo(5 / 9, 10);
    expect(m.roi).toBeCloseTo((600 - m.cost.total) / m.cost.total, 10);
  });

  it('counts in ROI every cost: billed minutes, a charge per call placed and the fixed costs', () => {
    db.$client
      .prepare('update campaigns set costs = ? where id = 1')
      .run(JSON.stringify({ telephonyPerMinute: 0.014, aiPerMinute: 0.08, perCall: 0.05, fixed: 250 }));
    const m = campaignMetrics(db, 1, audience);
    const billed = 0.02 + 0.3 + 0.1 + 0.05 + 0.2 + 0.01 + 0.02 + 0.7 + 0.1 + 0.3;
    // 7 calls placed (the queued attempt is no call) at 5 cents each.
    expect(m.cost.perCall).toBeCloseTo(7 * 0.05, 10);
    expect(m.cost.fixed).toBe(250);
    const total = billed + 7 * 0.05 + 250;
    expect(m.cost.total).toBeCloseTo(total, 10);
    expect(m.roi).toBeCloseTo((500 - total) / total, 10);
    expect(m.costPerConversion).toBeCloseTo(total, 10);
    const overall = overallMetrics(db, audience);
    expect(overall.cost.total).toBeCloseTo(total + 1, 10);
    expect(overall.cost.fixed).toBe(250);
    const series = metricsSeries(db, { campaignId: 1, bucket: 'hour' }).points;
    expect(series.reduce((sum, p) => sum + p.cost, 0)).toBeCloseTo(billed + 7 * 0.05, 10);
  });

  it('counts neither the audience nor the fixed costs of a campaign that never ran', () => {
    insertCampaign(db, 3, {}, { draft: true, costs: { fixed: 1000 } });
    const everyone = () => ({ matched: 10, eligible: 8 });
    const overall = overallMetrics(db, everyone);
    // Campaigns 1 and 2 ran: 10 + 10 targeted; the draft's 10 are a plan, not a reach.
    expect(overall.funnel.targeted).toBe(20);
    expect(overall.funnel.eligible).toBe(16);
    expect(overall.cost.fixed).toBe(0);
    // The draft on its own still previews its audience.
    expect(campaignMetrics(db, 3, everyone).funnel.targeted).toBe(10);
  });

  it('has no ROI or cost per conversion before anything cost money or converted', () => {
    insertCampaign(db, 3, {});
    const m = campaignMetrics(db, 3, () => ({ matched: 0, eligible: 0 }));
    expect(m.roi).toBeNull();
    expect(m.costPerConversion).toBeNull();
    expect(m.answerRate).toBeNull();
  });

  it('buckets activity by hour of dial time, with an empty bucket on each side of the calls', () => {
    const { bucket, points } = metricsSeries(db, { campaignId: 1, bucket: 'hour' });
    expect(bucket).toBe('hour');
    const empty = { dialled: 0, answered: 0, conversions: 0, cost: 0 };
    expect(points).toEqual([
      { at: t0 - hour, ...empty },
      {
        at: t0,
        dialled: 6,
        answered: 3,
        conversions: 0,
        cost: expect.closeTo(0.02 + 0.1 + 0.15 + 0.5 + 0.01 + 0.02, 10),
      },
      { at: t0 + hour, dialled: 1, answered: 1, conversions: 1, cost: expect.closeTo(1.0, 10) },
      { at: t0 + 2 * hour, ...empty },
    ]);
  });

  it('chooses the bucket for the span of the calls and fills the quiet buckets between them', () => {
    // Campaign 1's calls span an hour: minutes.
    const minutes = metricsSeries(db, { campaignId: 1, bucket: 'auto' });
    expect(minutes.bucket).toBe('minute');
    expect(minutes.points).toHaveLength(61 + 2);
    expect(minutes.points.reduce((sum, p) => sum + p.dialled, 0)).toBe(7);
    insertAttempt(db, { campaign: 2, customer: 10, state: 'busy', dialedAt: t0 + 30 * hour });
    expect(metricsSeries(db, { bucket: 'auto' }).bucket).toBe('hour');
    insertAttempt(db, { campaign: 2, customer: 10, n: 2, state: 'busy', dialedAt: t0 + 10 * 24 * hour });
    expect(metricsSeries(db, { bucket: 'auto' }).bucket).toBe('day');
    expect(metricsSeries(db, { campaignId: 3, bucket: 'auto' }).points).toEqual([]);
  });
});
