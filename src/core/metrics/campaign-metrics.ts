import { eq, type SQL, sql } from 'drizzle-orm';
import { type CampaignMetrics, type CostFigures, engagedMinSeconds } from '../../shared/contract/metrics';
import type { Db } from '../db/open';
import { campaigns } from '../db/schema';
import { type ConversionGoal, type ExtraCosts, readConversionGoal, readExtraCosts } from './conversion-goal';

/** How many customers a campaign's audience holds now; supplied by the audience module. */
export type AudienceFigures = (campaignId: number) => { matched: number; eligible: number };

const liveStates = sql`('dialing', 'ringing', 'in_progress', 'escalated')`;
/** A person (not a voicemail box) picked up. */
export const answered = sql`(answered_at is not null and state <> 'voicemail')`;

export function isConversion(goal: ConversionGoal): SQL {
  return sql`disposition in (${sql.join(
    goal.conversionDispositions.map((d) => sql`${d}`),
    sql`, `,
  )})`;
}

interface AttemptTotals {
  total: number;
  dialled: number;
  answered: number;
  live: number;
  dialledCustomers: number;
  answeredCustomers: number;
  engagedCustomers: number;
  convertedCustomers: number;
  averageTalkSeconds: number | null;
  telephony: number;
  ai: number;
}

function attemptTotals(db: Db, campaignId: number, goal: ConversionGoal): AttemptTotals {
  const row = db.get<AttemptTotals>(sql`
    select
      count(*) as total,
      coalesce(sum(dialed_at is not null), 0) as dialled,
      coalesce(sum(${answered}), 0) as answered,
      coalesce(sum(state in ${liveStates}), 0) as live,
      count(distinct case when dialed_at is not null then customer_id end) as dialledCustomers,
      count(distinct case when ${answered} then customer_id end) as answeredCustomers,
      count(distinct case when ${answered} and duration_seconds >= ${engagedMinSeconds} then customer_id end)
        as engagedCustomers,
      count(distinct case when ${isConversion(goal)} then customer_id end) as convertedCustomers,
      avg(case when ${answered} then duration_seconds end) as averageTalkSeconds,
      coalesce(sum(cost_telephony), 0) as telephony,
      coalesce(sum(cost_ai), 0) as ai
    from call_attempts where campaign_id = ${campaignId}`);
  return row;
}

/** Outcomes of calls actually placed: attempts cancelled in the queue were never calls. */
function breakdown(db: Db, campaignId: number | null, column: 'state' | 'disposition') {
  const where = sql`dialed_at is not null and ${campaignId === null ? sql`1 = 1` : sql`campaign_id = ${campaignId}`}`;
  const key = sql.raw(column);
  return db.all<{ key: string; count: number }>(sql`
    select ${key} as key, count(*) as count from call_attempts
    where ${where} and ${key} is not null group by ${key} order by count desc, key`);
}

/** What a campaign's settings say about money, and whether it has run (a draft has cost nothing). */
interface CampaignTerms {
  goal: ConversionGoal;
  extraCosts: ExtraCosts;
  hasRun: boolean;
}

export function campaignTerms(db: Db, campaignId: number): CampaignTerms {
  const campaign = db
    .select({ goal: campaigns.goal, costs: campaigns.costs, startedAt: campaigns.startedAt })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .get();
  return {
    goal: readConversionGoal(campaign?.goal),
    extraCosts: readExtraCosts(campaign?.costs),
    hasRun: campaign?.startedAt != null,
  };
}

/** Every cost of a campaign: billed minutes, a charge per call placed, and its fixed costs once it ran. */
function costFigures(totals: AttemptTotals, terms: CampaignTerms): CostFigures {
  const perCall = terms.extraCosts.perCall * totals.dialled;
  const fixed = terms.hasRun ? terms.extraCosts.fixed : 0;
  return {
    telephony: totals.telephony,
    ai: totals.ai,
    perCall,
    fixed,
    total: totals.telephony + totals.ai + perCall + fixed,
  };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function campaignMetrics(db: Db, campaignId: number, audience: AudienceFigures): CampaignMetrics {
  const terms = campaignTerms(db, campaignId);
  const { goal } = terms;
  const totals = attemptTotals(db, campaignId, goal);
  const { matched, eligible } = audience(campaignId);
  const cost = costFigures(totals, terms);
  const revenue = totals.convertedCustomers * goal.valuePerConversion;
  return {
    campaignId,
    funnel: {
      targeted: matched,
      eligible,
      dialled: totals.dialledCustomers,
      answered: totals.answeredCustomers,
      engaged: totals.engagedCustomers,
      converted: totals.convertedCustomers,
    },
    attempts: { total: totals.total, dialled: totals.dialled, answered: totals.answered, live: totals.live },
    answerRate: ratio(totals.answered, totals.dialled),
    outcomes: breakdown(db, campaignId, 'state').map(({ key, count }) => ({ state: key, count })),
    dispositions: breakdown(db, campaignId, 'disposition').map(({ key, count }) => ({
      disposition: key,
      count,
    })),
    averageTalkSeconds: totals.averageTalkSeconds,
    cost,
    revenue,
    roi: ratio(revenue - cost.total, cost.total),
    costPerConversion: ratio(cost.total, totals.convertedCustomers),
  };
}

const targetedNobody: AudienceFigures = () => ({ matched: 0, eligible: 0 });

/**
 * Every campaign added up. Funnel stages are sums of each campaign's distinct customers, so a customer
 * called by two campaigns counts in both — as their two calls both cost money. Only campaigns that have
 * run count as targeting anyone: a draft's audience is a plan, not a reach.
 */
export function overallMetrics(db: Db, audience: AudienceFigures): CampaignMetrics {
  const ids = db.select({ id: campaigns.id, startedAt: campaigns.startedAt }).from(campaigns).all();
  const each = ids.map(({ id, startedAt }) =>
    campaignMetrics(db, id, startedAt === null ? targetedNobody : audience),
  );
  const sum = (pick: (m: CampaignMetrics) => number) => each.reduce((acc, m) => acc + pick(m), 0);
  const talk = db.get<{ avg: number | null }>(
    sql`select avg(duration_seconds) as avg from call_attempts where ${answered}`,
  );
  const cost: CostFigures = {
    telephony: sum((m) => m.cost.telephony),
    ai: sum((m) => m.cost.ai),
    perCall: sum((m) => m.cost.perCall),
    fixed: sum((m) => m.cost.fixed),
    total: sum((m) => m.cost.total),
  };
  const revenue = sum((m) => m.revenue);
  const attempts = {
    total: sum((m) => m.attempts.total),
    dialled: sum((m) => m.attempts.dialled),
    answered: sum((m) => m.attempts.answered),
    live: sum((m) => m.attempts.live),
  };
  const converted = sum((m) => m.funnel.converted);
  return {
    campaignId: null,
    funnel: {
      targeted: sum((m) => m.funnel.targeted),
      eligible: sum((m) => m.funnel.eligible),
      dialled: sum((m) => m.funnel.dialled),
      answered: sum((m) => m.funnel.answered),
      engaged: sum((m) => m.funnel.engaged),
      converted,
    },
    attempts,
    answerRate: ratio(attempts.answered, attempts.dialled),
    outcomes: breakdown(db, null, 'state').map(({ key, count }) => ({ state: key, count })),
    dispositions: breakdown(db, null, 'disposition').map(({ key, count }) => ({ disposition: key, count })),
    averageTalkSeconds: talk.avg,
    cost,
    revenue,
    roi: ratio(revenue - cost.total, cost.total),
    costPerConversion: ratio(cost.total, converted),
  };
}
