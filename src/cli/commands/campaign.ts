import type { Command } from 'commander';
import { createCampaign, getCampaign, listCampaigns } from '../../core/campaigns/campaign-store';
import { transitionCampaign } from '../../core/campaigns/transition-campaign';
import { campaignInputSchema } from '../../shared/contract/campaigns';
import { fieldLabel, plainIssueMessage } from '../../shared/validation/plain-issues';
import { CliError, openCliApp, positiveInt, printJson, withDbOption } from '../cli-context';
import { formatTable, localTime } from '../table';
import { readJsonFile } from './audience';
import { registerCampaignReportCommands } from './campaign-report';
import { registerCampaignRunCommands } from './campaign-run';

export function registerCampaignCommands(program: Command): void {
  const campaign = program.command('campaign').description('create, list and run campaigns');
  withDbOption(
    campaign
      .command('create')
      .description('create a draft campaign from a JSON file (the same fields as the editor)')
      .requiredOption('--file <file>', 'campaign JSON')
      .option('--json', 'print JSON'),
  ).action((options: { file: string; json?: boolean; db?: string }) => {
    const parsed = campaignInputSchema.safeParse(readJsonFile(options.file), { error: plainIssueMessage });
    if (!parsed.success) {
      // Every problem at once, each with the field it is about: one round of fixes, not one per run.
      const problems = parsed.error.issues.map((issue) => {
        const path = issue.path.join('.');
        return `  • ${path ? `${fieldLabel(path) ?? path} (${path})` : 'the file'}: ${issue.message}`;
      });
      throw new CliError(`Invalid campaign in ${options.file}:\n${problems.join('\n')}`, 2);
    }
    const app = openCliApp(options);
    try {
      const created = createCampaign(app.context.db, parsed.data, Date.now());
      if (options.json) printJson(created);
      else console.log(`Created campaign ${created.id} “${created.name}” (draft)`);
    } finally {
      app.context.db.$client.close();
    }
  });
  withDbOption(
    campaign.command('list').description('all campaigns with their progress').option('--json', 'print JSON'),
  ).action((options: { json?: boolean; db?: string }) => {
    const app = openCliApp(options);
    try {
      const rows = listCampaigns(app.context.db, true);
      if (options.json) printJson(rows);
      else
        console.log(
          formatTable(
            ['Id', 'Name', 'Status', 'Customers called', 'Attempts done', 'Live calls', 'Updated'],
            rows.map((c) => [
              c.id,
              c.name,
              c.archived ? `${c.status} (archived)` : c.status,
              c.customersCalled,
              `${c.finishedAttempts}/${c.attempts}`,
              c.liveCalls,
              localTime(c.updatedAt),
            ]),
          ),
        );
    } finally {
      app.context.db.$client.close();
    }
  });
  withDbOption(
    campaign
      .command('show')
      .description('one campaign’s settings')
      .argument('<id>', 'campaign id', positiveInt('id'))
      .option('--json', 'print JSON'),
  ).action((id: number, options: { json?: boolean; db?: string }) => {
    const app = openCliApp(options);
    try {
      printJson(getCampaign(app.context.db, id));
    } finally {
      app.context.db.$client.close();
    }
  });
  for (const [verb, to, description] of [
    ['pause', 'paused', 'pause a campaign; the process running it stops dialling within a second'],
    ['resume', 'running', 'resume a paused campaign; the process that runs it goes on dialling'],
  ] as const) {
    withDbOption(
      campaign.command(verb).description(description).argument('<id>', 'campaign id', positiveInt('id')),
    ).action((id: number, options: { db?: string }) => {
      const app = openCliApp(options);
      try {
        // Only the status is written: the engine that owns the campaign (the desktop app, a browser host)
        // follows it. A resumed campaign nobody runs is picked up when one of them starts.
        const changed = transitionCampaign(app.context.db, id, to, Date.now());
        app.context.bus.publish('campaign.changed', { campaignId: id, status: changed.status });
        console.log(`Campaign ${id} is ${changed.status}.`);
      } finally {
        app.context.db.$client.close();
      }
    });
  }
  registerCampaignRunCommands(campaign);
  registerCampaignReportCommands(campaign);
}
