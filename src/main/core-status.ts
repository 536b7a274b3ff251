import type { CoreStatus } from '../shared/bridge';

/** What the window says when the core process stops and comes back. */
export function crashStatus(crash: { exitCode: number; restarting: boolean }): CoreStatus {
  return crash.restarting
    ? {
        state: 'restarting',
        message: `The Navaia core stopped unexpectedly (exit code ${crash.exitCode}) and is restarting. Calls that were live are reconciled when it is back.`,
      }
    : {
        state: 'stopped',
        message: `The Navaia core stopped unexpectedly (exit code ${crash.exitCode}) several times in a row and was not restarted. Quit and reopen Navaia; the log (Help → Show Log) says why.`,
      };
}

export const restartedStatus: CoreStatus = {
  state: 'restarted',
  message:
    'The Navaia core was restarted after it stopped unexpectedly. Calls that were live were reconciled and running campaigns carry on.',
};

/** How long the window keeps saying that the core was restarted. */
export const restartedNoticeMs = 30_000;
