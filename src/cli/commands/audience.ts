import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { audienceGroupSchema } from '../../shared/contract/audience';
import { errorMessage } from '../../shared/errors';
import { CliError, printJson, withCliCore, withDbOption } from '../cli-context';

export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${errorMessage(err)}`, 2);
  }
}

export function registerAudienceCommands(program: Command): void {
  const audience = program.command('audience').description('audiences: who a campaign would call');
  withDbOption(
    audience
      .command('count')
      .description('count the customers matching criteria, and how many of them would be suppressed')
      .requiredOption('--criteria <file>', 'criteria JSON (react-querybuilder RuleGroupType)')
      .option('--json', 'print JSON')
      .option('--timing', 'also give the time spent counting (elapsedMs), after the database is open'),
  ).action((options: { criteria: string; json?: boolean; timing?: boolean; db?: string }) => {
    const parsed = audienceGroupSchema.safeParse(readJsonFile(options.criteria));
    if (!parsed.success)
      throw new CliError(`Invalid criteria in ${options.criteria}: ${parsed.error.issues[0]?.message}`, 2);
    return withCliCore(options, async ({ call }) => {
      const started = performance.now();
      const result = await call('audience.count', { criteria: parsed.data });
      const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
      if (options.json) printJson(options.timing ? { ...result, elapsedMs } : result);
      else {
        console.log(`${result.matched} match, ${result.eligible} can be called`);
        for (const [reason, n] of Object.entries(result.suppressed))
          console.log(`  suppressed, ${reason.replace('_', ' ')}: ${n}`);
        if (options.timing) console.log(`counted in ${elapsedMs} ms`);
      }
    });
  });
}
