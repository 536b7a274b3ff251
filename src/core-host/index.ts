import { runCoreProcess } from './core-process';
import type { ParentPortLike } from './ports';

// Started by the desktop app's main process with utilityProcess.fork (see src/main/core-process-client.ts).
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('The Navaia core process is started by the desktop app, not directly');

runCoreProcess(parentPort, {
  // An exception in a timer or callback is logged, as the main process used to: the engine's state lives
  // in SQLite, so one failed callback does not poison the rest and the process keeps serving.
  onLogger: (logger) => {
    process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception in the core process'));
    process.on('unhandledRejection', (reason) =>
      logger.error({ err: reason }, 'unhandled promise rejection in the core process'),
    );
  },
  // The closed message is sent; leave a moment for it to cross before the process ends.
  onClosed: () => setTimeout(() => process.exit(0), 50),
});
