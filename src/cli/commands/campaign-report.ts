import type { Command } from 'commander';
import type { NavaiaApp } from '../../core/app';
import { getCampaign } from '../../core/campaigns/campaign-store';
import { dispositionLabel } from '../../shared/campaigns/dispositions';
import type { CampaignProgress } from '../../shared/contract/calls';
import { openCliApp, positiveInt, printJson, withDbOption } from '../cli-context';
import { customerTime, formatTable, localTime, localZone } from '../table';

/** Totals of a campaign's attempts, as the dry-run summary and `status` print them. */
export function campaignSummary(app: NavaiaApp, campaignId: number) {
  const c = app.context.db.$client;
  const campaign = getCampaign(app.context.db, campaignId);
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

export type CampaignSummary = ReturnType<typeof campaignSummary>;

const count = (n: number) => n.toLocaleString('en-US');
const hoursAndMinutes = (seconds: number) =>
  seconds >= 3600
    ? `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
    : `${Math.round(seconds / 60)} min`;

/** A campaign's totals as a person reads them: a headline, then its outcomes and dispositions as tables. */
export function formatSummary(summary: CampaignSummary, progress?: CampaignProgress): string {
  const lines = [
    `Campaign ${summary.campaign_id} “${summary.name}”: ${summary.status}`,
    `${count(summary.attempts)} attempts to ${count(summary.dialed_customers)} customers over ${hoursAndMinutes(summary.duration_simulated_s)}; ` +
      `${count(summary.conversions)} conversions; cost $${summary.cost.toFixed(2)}`,
  ];
  if (progress)
    lines.push(
      `Now: ${count(progress.live)} live, ${count(progress.queued)} queued, ${count(progress.done)} done` +
        (progress.status === 'running' ? `, ${progress.callsPerMinute} calls in the last minute` : '') +
        (progress.waitingMessage ? `\n${progress.waitingMessage}` : ''),
    );
  const outcomes = Object.entries(summary.outcomes).sort((a, b) => b[1] - a[1]);
  if (outcomes.length > 0)
    lines.push(
      '',
      formatTable(
        ['Outcome', 'Attempts'],
        outcomes.map(([state, n]) => [state.replace('_', ' '), n]),
      ),
    );
  const dispositions = Object.entries(summary.dispositions).sort((a, b) => b[1] - a[1]);
  if (dispositions.length > 0)
    lines.push(
      '',
      formatTable(
        ['Disposition', 'Calls'],
        dispositions.map(([d, n]) => [dispositionLabel(d), n]),
      ),
    );
  return lines.join('\n');
}

interface AttemptLine {
  attempt: number;
  customer_id: number;
  customer: string;
  customer_time_zone: string;
  attempt_number: number;
  state: string;
  disposition: string | null;
  started_at: number | null;
  ended_at: number | null;
  duration_seconds: number | null;
  provider_call_id: string | null;
  idempotency_key: string;
  error: string | null;
}

export function registerCampaignReportCommands(campaign: Command): void {
  withDbOption(
    campaign
      .command('status')
      .description('a campaign’s progress and totals')
      .argument('<id>', 'campaign id', positiveInt('id'))
      .option('--json', 'print JSON'),
  ).action((id: number, options: { json?: boolean; db?: string }) => {
    const app = openCliApp(options);
    try {
      const summary = campaignSummary(app, id);
      const progress = app.engine.progress(id);
      if (options.json) printJson({ ...summary, progress });
      else console.log(formatSummary(summary, progress));
    } finally {
      app.context.db.$client.close();
    }
  });

  withDbOption(
    campaign
      .command('attempts')
      .description(
        'every call attempt of a campaign, for audits (times in this computer’s zone and the customer’s)',
      )
      .argument('<id>', 'campaign id', positiveInt('id'))
      .option('--json', 'print JSON (with each attempt’s idempotency key)'),
  ).action((id: number, options: { json?: boolean; db?: string }) => {
    const app = openCliApp(options);
    try {
      const rows = app.context.db.$client
        .prepare(`select a.id as attempt, a.customer_id, trim(c.first_name || ' ' || c.last_name) as customer,
            c.time_zone as customer_time_zone, a.attempt_number, a.state, a.disposition, a.dialed_at as started_at,
            a.ended_at, a.duration_seconds, a.provider_call_id, a.idempotency_key, a.error
          from call_attempts a join customers c on c.id = a.customer_id where a.campaign_id = ? order by a.id`)
        .all(id) as AttemptLine[];
      if (options.json) {
        printJson(rows);
        return;
      }
      console.log(
        formatTable(
          [
            'Attempt',
            'Customer',
            '#',
            'State',
            'Disposition',
            `Dialled (${localZone()})`,
            'Customer’s time',
            'Ended',
            'Seconds',
            'Error',
          ],
          rows.map((r) => [
            r.attempt,
            r.customer,
            r.attempt_number,
            r.state.replace('_', ' '),
            r.disposition ? dispositionLabel(r.disposition) : '',
            localTime(r.started_at),
            customerTime(r.started_at, r.customer_time_zone),
            localTime(r.ended_at),
            r.duration_seconds === null ? '' : Math.round(r.duration_seconds),
            r.error ?? '',
          ]),
        ),
      );
    } finally {
      app.context.db.$client.close();
    }
  });
}
