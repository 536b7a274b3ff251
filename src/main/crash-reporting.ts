import type { Logger } from '../core/logging/logger';

/** The slices of `process`, `app` and a window that crash reporting listens to. */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface GoneDetails {
  reason: string;
  exitCode: number;
}

export interface AppProcessEvents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, contents: { getURL(): string; reload(): void }, details: GoneDetails) => void,
  ): unknown;
  on(
    event: 'child-process-gone',
    listener: (event: unknown, details: GoneDetails & { type: string; name?: string }) => void,
  ): unknown;
}

export interface WindowEvents {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
}

/**
 * Errors in the main process go to the log file instead of taking the app down: an exception thrown in
 * a timer or event handler, or a promise nobody awaited, is logged with its stack and the app keeps
 * serving — the engine's state lives in SQLite, so one failed callback does not poison the rest.
 */
export function reportMainProcessErrors(processEvents: ProcessEvents, logger: Logger): void {
  processEvents.on('uncaughtException', (err) =>
    logger.error({ err }, 'uncaught exception in the main process'),
  );
  processEvents.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection in the main process'),
  );
}

/** A renderer that crashes is logged and reloaded, so the supervisor gets the window back. */
export function reportProcessCrashes(appEvents: AppProcessEvents, logger: Logger): void {
  appEvents.on('render-process-gone', (_event, contents, details) => {
    logger.error({ ...details, url: contents.getURL() }, 'renderer process gone');
    if (details.reason !== 'clean-exit') contents.reload();
  });
  appEvents.on('child-process-gone', (_event, details) => {
    logger.error({ ...details }, 'child process gone');
  });
}

export function reportUnresponsiveWindow(window: WindowEvents, logger: Logger): void {
  window.on('unresponsive', () => logger.warn({}, 'window stopped responding'));
  window.on('responsive', () => logger.info({}, 'window responds again'));
}
