import type { Logger } from '../core/logging/logger';

interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Electron does not wait for promises in `before-quit`: the engine's last group-committed writes and the
 * database connection would be cut off mid-flight. Hold the first quit until `close` has finished, then quit
 * for real; further quit requests while closing are held too.
 */
export function closeBeforeQuit(app: QuittingApp, close: () => Promise<void>, logger: Logger): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch((err: unknown) => logger.error({ err }, 'closing the app core failed; quitting anyway'))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
