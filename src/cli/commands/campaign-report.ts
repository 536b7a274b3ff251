import type { Command } from 'commander';
import { dispositionLabel } from '../../shared/campaigns/dispositions';
import type { CampaignProgress } from '../../shared/contract/calls';
import type { CampaignSummary } from '../../shared/contract/campaigns';
import { positiveInt, printJson, withCliCore, withDbOption } from '../cli-context';
import { customerTime, formatTable, localTime, localZone } from '../table';

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

export function registerCampaignReportCommands(campaign: Command): void {
  withDbOption(
    campaign
      .command('status')
      .description('a campaign’s progress and totals')
      .argument('<id>', 'campaign id', positiveInt('id'))
      .option('--json', 'print JSON'),
  ).action((id: number, options: { json?: boolean; db?: string }) =>
    withCliCore(options, async ({ call }) => {
      const summary = await call('campaigns.summary', { id });
      const progress = await call('campaigns.progress', { id });
      if (options.json) printJson({ ...summary, progress });
      else console.log(formatSummary(summary, progress));
    }),
  );

  withDbOption(
    campaign
      .command('attempts')
      .description(
        'every call attempt of a campaign, for audits (times in this computer’s zone and the customer’s)',
      )
      .argument('<id>', 'campaign id', positiveInt('id'))
      .option('--json', 'print JSON (with each attempt’s idempotency key)'),
  ).action((id: number, options: { json?: boolean; db?: string }) =>
    withCliCore(options, async ({ call }) => {
      const rows = await call('campaigns.attempts', { id });
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
    }),
  );
}
