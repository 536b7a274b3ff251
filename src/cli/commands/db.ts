import type { Command } from 'commander';
import { printJson, withCliCore, withDbOption } from '../cli-context';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('inspect the database');
  withDbOption(
    db.command('info').description('table counts and where the file is').option('--json', 'print JSON'),
  ).action((options: { json?: boolean; db?: string }) =>
    withCliCore(options, async ({ call }) => {
      const { dataFile } = await call('system.info', {});
      const counts = await call('system.tableCounts', {});
      if (options.json) printJson({ file: dataFile, counts });
      else {
        console.log(dataFile);
        for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(14)} ${n}`);
      }
    }),
  );
}
