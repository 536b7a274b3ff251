import { type Command, Option } from 'commander';
import { describeDataFile, maySeedDemoData } from '../../core/db/data-file';
import { ensureDemoData } from '../../core/db/seed/seed-demo-data';
import { createLogger } from '../../core/logging/logger';
import { startBrowserHost } from '../../server/browser-host';
import { dbFileOf, positiveInt, printJson, withDbOption } from '../cli-context';

export function registerServeCommands(program: Command): void {
  withDbOption(
    program
      .command('serve')
      .description('run Navaia in your browser: serves the app on 127.0.0.1 and prints its URL')
      .option('--port <p>', 'port (default: a free one)', positiveInt('--port'), 0)
      .option('--no-demo-data', 'do not add demo customers to an empty database')
      .option('--json', 'print {url, port} as JSON')
      // Fixed tokens are for end-to-end tests; a random one is safer everywhere else.
      .addOption(new Option('--token <t>', 'use this access token instead of a random one').hideHelp()),
  ).action(
    async (options: { port: number; demoData: boolean; json?: boolean; token?: string; db?: string }) => {
      const dbFile = dbFileOf(options);
      const logger = createLogger({ level: process.env.NAVAIA_LOG_LEVEL ?? 'warn' });
      const { app, host, found } = await startBrowserHost({
        dbFile,
        logger,
        port: options.port,
        token: options.token,
      });
      const note = describeDataFile(found);
      if (note) process.stderr.write(`${note}\n`);
      // Demo customers only into a database this start created: never into an emptied or missing one
      // where a real database was expected.
      if (options.demoData && maySeedDemoData(found)) {
        const seeded = ensureDemoData(app.context.db, app.context.clock.now());
        if (seeded && !options.json)
          console.log(
            `First start: added ${seeded.customers} demo customers (fictional numbers, never called).`,
          );
      }
      if (options.json) printJson({ url: host.url, port: host.port });
      else {
        console.log(`Navaia is running. Open this address in your browser:\n\n  ${host.url}\n`);
        console.log(`Data: ${dbFile}   (Ctrl+C to stop)`);
      }
      const stop = async () => {
        await host.close();
        await app.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
  );
}
