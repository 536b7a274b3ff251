import type { Command } from 'commander';
import { tableCounts } from '../../core/system/handlers';
import { openCliApp, printJson, withDbOption } from '../cli-context';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('inspect the database');
  withDbOption(
    db.command('info').description('table counts and where the file is').option('--json', 'print JSON'),
  ).action((options: { json?: boolean; db?: string }) => {
    const app = openCliApp(options);
    try {
      const counts = tableCounts(app.context);
      if (options.json) printJson({ file: app.context.dataFile, counts });
      else {
        console.log(app.context.dataFile);
        for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(14)} ${n}`);
      }
    } finally {
      app.context.db.$client.close();
    }
  });
}
