import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { errorMessage } from '../../shared/errors';
import { CliError, printJson, withCliCore, withDbOption, withRegionOption } from '../cli-context';

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
    return withCliCore(options, async ({ call }) => {
      // Without --region, the core uses the default region setting.
      const result = await call('dnc.import', { csvText: text, region: options.region });
      if (options.json) printJson(result);
      else {
        console.log(
          `${result.added} added, ${result.alreadyListed} already listed, ${result.rejected} rejected`,
        );
        for (const r of result.rejects) console.log(`  row ${r.row}: ${r.reason}`);
      }
    });
  });
}
