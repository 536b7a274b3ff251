import type { Command } from 'commander';
import { seedDemoData } from '../../core/db/seed/seed-demo-data';
import { tableCounts } from '../../core/system/handlers';
import { CliError, openCliApp, positiveInt, printJson, withDbOption } from '../cli-context';
import { createProgress } from '../progress';

export function registerSeedCommands(program: Command): void {
  withDbOption(
    program
      .command('seed')
      .description('fill the database with realistic demo customers, properties, viewings and contracts')
      .requiredOption('--customers <n>', 'how many customers to create', positiveInt('--customers'))
      .option('--seed <s>', 'random seed: the same seed gives the same data', positiveInt('--seed'), 42)
      .option('--append', 'add to a database that already has customers')
      .option('--json', 'print the result as JSON'),
  ).action((options: { customers: number; seed: number; append?: boolean; json?: boolean; db?: string }) => {
    const app = openCliApp(options);
    try {
      const existing = tableCounts(app.context).customers;
      if (existing > 0 && !options.append) {
        throw new CliError(
          `The database already has ${existing} customers; pass --append to add more, or use another --db file.`,
        );
      }
      const progress = createProgress('Seeding', !options.json && process.stderr.isTTY === true);
      const result = seedDemoData(app.context.db, {
        customers: options.customers,
        seed: options.seed,
        now: Date.now(),
        onProgress: progress.update,
      });
      progress.done();
      if (options.json) printJson({ ...result, db: app.context.dataFile });
      else
        console.log(
          `Seeded ${result.customers} customers, ${result.properties} properties, ${result.bookings} viewings and ` +
            `${result.contracts} contracts in ${result.seconds.toFixed(1)} s → ${app.context.dataFile}`,
        );
    } finally {
      app.context.db.$client.close();
    }
  });
}
