import { type Command, Option } from 'commander';
import { describeDataFile, maySeedDemoData } from '../../core/db/data-file';
import { ensureDemoData } from '../../core/db/seed/seed-demo-data';
import { createLogger } from '../../core/logging/logger';
import { warmUpRealProvider } from '../../core/providers/provider-settings/real-provider-adapter';
import { startBrowserHost } from '../../server/browser-host';
import {
  newToken,
  readSavedAddress,
  saveAddress,
  savedAddressFile,
  tokenFromFile,
} from '../../server/saved-address';
import { errorMessage } from '../../shared/errors';
import { CliError, dbFileOf, positiveInt, printJson, withDbOption } from '../cli-context';

interface ServeOptions {
  port?: number;
  demoData: boolean;
  json?: boolean;
  token?: string;
  tokenFile?: string;
  db?: string;
}

export function registerServeCommands(program: Command): void {
  withDbOption(
    program
      .command('serve')
      .description(
        'run Navaia in your browser: serves the app on 127.0.0.1 and prints its address, the same one each start',
      )
      .option('--port <p>', 'port (default: the last start’s, else a free one)', positiveInt('--port'))
      .option('--token-file <file>', 'keep the access token in this file (made on first use)')
      .option('--no-demo-data', 'do not add demo customers to an empty database')
      .option('--json', 'print {url, port} as JSON')
      // Fixed tokens are for end-to-end tests; a random one is safer everywhere else.
      .addOption(new Option('--token <t>', 'use this access token instead of a random one').hideHelp()),
  ).action(async (options: ServeOptions) => {
    const dbFile = dbFileOf(options);
    const logger = createLogger({ level: process.env.NAVAIA_LOG_LEVEL ?? 'warn' });
    // The address stays the same between starts: the last start's port and token, saved beside the data.
    const saved = readSavedAddress(dbFile);
    let token: string;
    try {
      token =
        options.token ??
        (options.tokenFile ? tokenFromFile(options.tokenFile) : (saved?.token ?? newToken()));
    } catch (err) {
      throw new CliError(errorMessage(err), 2);
    }
    const port = options.port ?? saved?.port ?? 0;
    const { app, host, found } = await startBrowserHost({
      dbFile,
      logger,
      port,
      portIsPreference: options.port === undefined,
      token,
    });
    if (!options.token) saveAddress(dbFile, { port: host.port, token: host.token });
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
      if (port !== 0 && host.port !== port)
        console.log(`(Port ${port}, used last time, is taken now: this start uses ${host.port}.)`);
      if (!options.token)
        console.log(`The address stays the same at the next start (kept in ${savedAddressFile(dbFile)}).`);
      console.log(`Data: ${dbFile}   (Ctrl+C to stop)`);
    }
    warmUpRealProvider();
    const stop = async () => {
      await host.close();
      await app.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
