import type { Command } from 'commander';
import { fieldLabel } from '../../shared/validation/plain-issues';
import { CliCallError, CliError, positiveInt, printJson, withCliCore, withDbOption } from '../cli-context';
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
  ).action((options: { file: string; json?: boolean; db?: string }) =>
    withCliCore(options, async ({ call }) => {
      let created: Awaited<ReturnType<typeof call<'campaigns.create'>>>;
      try {
        // Checked by the contract's own schema, created with the core's clock, announced as campaign.changed.
        created = await call('campaigns.create', readJsonFile(options.file) as never);
      } catch (err) {
        const issues = err instanceof CliCallError ? err.body.issues : undefined;
        if (!issues) throw err;
        // Every problem at once, each with the field it is about: one round of fixes, not one per run.
        const problems = issues.map(({ path, message }) => {
          return `  • ${path ? `${fieldLabel(path) ?? path} (${path})` : 'the file'}: ${message}`;
        });
        throw new CliError(`Invalid campaign in ${options.file}:\n${problems.join('\n')}`, 2);
      }
      if (options.json) printJson(created);
      else console.log(`Created campaign ${created.id} “${created.name}” (draft)`);
    }),
  );
  withDbOption(
    campaign.command('list').description('all campaigns with their progress').option('--json', 'print JSON'),
  ).action((options: { json?: boolean; db?: string }) =>
    withCliCore(options, async ({ call }) => {
      const rows = await call('campaigns.list', { includeArchived: true });
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
    }),
  );
  withDbOption(
    campaign
      .command('show')
      .description('one campaign’s settings')
      .argument('<id>', 'campaign id', positiveInt('id'))
      .option('--json', 'print JSON'),
  ).action((id: number, options: { json?: boolean; db?: string }) =>
    withCliCore(options, async ({ call }) => printJson(await call('campaigns.get', { id }))),
  );
  for (const [verb, to, description] of [
    ['pause', 'paused', 'pause a campaign; the process running it stops dialling within a second'],
    ['resume', 'running', 'resume a paused campaign; the process that runs it goes on dialling'],
  ] as const) {
    withDbOption(
      campaign.command(verb).description(description).argument('<id>', 'campaign id', positiveInt('id')),
    ).action((id: number, options: { db?: string }) =>
      withCliCore(options, async ({ call }) => {
        // Only the status is written: the engine that owns the campaign (the desktop app, a browser host)
        // follows it. A resumed campaign nobody runs is picked up when one of them starts.
        const changed = await call('campaigns.requestStatus', { id, status: to });
        console.log(`Campaign ${id} is ${changed.status}.`);
      }),
    );
  }
  registerCampaignRunCommands(campaign);
  registerCampaignReportCommands(campaign);
}
