import type { Command } from 'commander';
import { createCampaign, getCampaign, listCampaigns } from '../../core/campaigns/campaign-store';
import { campaignInputSchema } from '../../shared/contract/campaigns';
import { CliError, openCliApp, positiveInt, printJson, withDbOption } from '../cli-context';
import { readJsonFile } from './audience';
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
    const parsed = campaignInputSchema.safeParse(readJsonFile(options.file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(
        `Invalid campaign in ${options.file}: ${issue?.path.join('.')}: ${issue?.message}`,
        2,
      );
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
        for (const c of rows)
          console.log(
            `${String(c.id).padStart(4)}  ${c.status.padEnd(10)} ${c.name}  (${c.customersCalled} called)`,
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
  registerCampaignRunCommands(campaign);
}
