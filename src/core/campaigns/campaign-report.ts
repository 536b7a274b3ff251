import type { CampaignAttemptLine, CampaignSummary } from '../../shared/contract/campaigns';
import type { Db } from '../db/open';
import { getCampaign } from './campaign-store';

/** Totals of a campaign's attempts, as the CLI's dry-run summary and `campaign status` print them. */
export function campaignSummary(db: Db, campaignId: number): CampaignSummary {
  const c = db.$client;
  const campaign = getCampaign(db, campaignId);
  const totals = c
    .prepare(`select count(*) as attempts, count(distinct case when dialed_at is not null then customer_id end) as dialedCustomers,
        coalesce(sum(cost_telephony + cost_ai), 0) as cost, min(dialed_at) as firstDial, max(ended_at) as lastEnd
      from call_attempts where campaign_id = ?`)
    .get(campaignId) as {
    attempts: number;
    dialedCustomers: number;
    cost: number;
    firstDial: number | null;
    lastEnd: number | null;
  };
  const byState = Object.fromEntries(
    (
      c
        .prepare('select state, count(*) as n from call_attempts where campaign_id = ? group by state')
        .all(campaignId) as { state: string; n: number }[]
    ).map((r) => [r.state, r.n]),
  );
  const dispositions = Object.fromEntries(
    (
      c
        .prepare(
          'select disposition, count(*) as n from call_attempts where campaign_id = ? and disposition is not null group by disposition',
        )
        .all(campaignId) as { disposition: string; n: number }[]
    ).map((r) => [r.disposition, r.n]),
  );
  const conversions = (campaign.goal.conversionDispositions as string[]).reduce(
    (sum, d) => sum + (dispositions[d] ?? 0),
    0,
  );
  return {
    campaign_id: campaignId,
    name: campaign.name,
    status: campaign.status,
    attempts: totals.attempts,
    dialed_customers: totals.dialedCustomers,
    outcomes: byState,
    dispositions,
    conversions,
    cost: Math.round(totals.cost * 100) / 100,
    duration_simulated_s:
      totals.firstDial && totals.lastEnd ? Math.round((totals.lastEnd - totals.firstDial) / 1000) : 0,
  };
}

/** Every attempt of a campaign, oldest first, for audits. */
export function campaignAttempts(db: Db, campaignId: number): CampaignAttemptLine[] {
  getCampaign(db, campaignId); // a campaign that does not exist is not_found, not an empty list
  return db.$client
    .prepare(`select a.id as attempt, a.customer_id, trim(c.first_name || ' ' || c.last_name) as customer,
        c.time_zone as customer_time_zone, a.attempt_number, a.state, a.disposition, a.dialed_at as started_at,
        a.ended_at, a.duration_seconds, a.provider_call_id, a.idempotency_key, a.error
      from call_attempts a join customers c on c.id = a.customer_id where a.campaign_id = ? order by a.id`)
    .all(campaignId) as CampaignAttemptLine[];
}

/** When the last thing happened to a campaign's calls (epoch ms), or undefined when nothing has. */
export function lastCallEventAt(db: Db, campaignId: number): number | undefined {
  const last = db.$client
    .prepare(
      'select max(e.at) from call_events e join call_attempts a on a.id = e.attempt_id where a.campaign_id = ?',
    )
    .pluck()
    .get(campaignId) as number | null;
  return last ?? undefined;
}
