import { Command, CommanderError } from 'commander';
import { errorMessage } from '../shared/errors';
import { CliCallError, CliError } from './cli-context';
import { registerAudienceCommands } from './commands/audience';
import { registerCampaignCommands } from './commands/campaign';
import { registerDbCommands } from './commands/db';
import { registerDncCommands } from './commands/dnc';
import { registerImportCommands } from './commands/import';
import { registerSeedCommands } from './commands/seed';
import { registerServeCommands } from './commands/serve';

// Output piped into `head` (or any reader that stops early) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const program = new Command('navaia')
  .description('Navaia call-center: the desktop app’s core, headless')
  .showHelpAfterError('(run `navaia --help` for usage)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

// Each feature registers its commands here.
registerSeedCommands(program);
registerDbCommands(program);
registerServeCommands(program);
registerAudienceCommands(program);
registerCampaignCommands(program);
registerImportCommands(program);
registerDncCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; any argument problem exits 2 after commander printed one clear line.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  if (err instanceof CliError || err instanceof CliCallError) {
    process.stderr.write(`navaia: ${err.message}\n`);
    process.exit(err instanceof CliError ? err.exitCode : 1);
  }
  process.stderr.write(`navaia: ${errorMessage(err)}\n`);
  process.exit(1);
}
