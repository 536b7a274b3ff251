import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importDncCsv } from '../../core/compliance/dnc-import';
import { getSettings } from '../../core/settings/settings-store';
import { errorMessage } from '../../shared/errors';
import { CliError, openCliApp, printJson, withDbOption, withRegionOption } from '../cli-context';

export function registerDncCommands(program: Command): void {
  const dnc = program.command('dnc').description('the do-not-call list');
  withDbOption(
    withRegionOption(
      dnc
        .command('import <file>')
        .description(
          'add the numbers of a CSV (a phone/number column, or the first column) to the do-not-call list',
        ),
    ).option('--json', 'print the result as JSON'),
  ).action((file: string, options: { region?: string; json?: boolean; db?: string }) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${errorMessage(err)}`, 2);
    }
    const app = openCliApp(options);
    try {
      const region = options.region ?? getSettings(app.context.db).defaultRegion;
      const result = importDncCsv(app.context.db, text, { region, now: Date.now() });
      if (options.json) printJson(result);
      else {
        console.log(
          `${result.added} added, ${result.alreadyListed} already listed, ${result.rejected} rejected`,
        );
        for (const r of result.rejects) console.log(`  row ${r.row}: ${r.reason}`);
      }
    } finally {
      app.context.db.$client.close();
    }
  });
}
