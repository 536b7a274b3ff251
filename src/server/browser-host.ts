import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type NavaiaApp } from '../core/app';
import { createSystemClock } from '../core/clock/clock';
import { type DataFileFinding, findDataFile } from '../core/db/data-file';
import { logDatabaseOpening, openDatabase } from '../core/db/open';
import type { Logger } from '../core/logging/logger';
import { createEncryptedFileStore, secretFilesFor } from '../core/secrets/encrypted-file-store';
import { startWsHost, type WsHost } from './ws-host';

export interface BrowserHostOptions {
  dbFile: string;
  logger: Logger;
  port?: number;
  /** The port is the last start's: another free one is taken if something else holds it now. */
  portIsPreference?: boolean;
  token?: string;
  staticDir?: string;
}

/** Finds the built renderer (out/renderer) from src/ or from a bundle. */
export function defaultRendererDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** `NAVAIA_CLOCK_START=2026-11-24T15:00:00Z` runs the app as if it started at that moment. */
function clockOffset(start: string | undefined): number {
  if (!start) return 0;
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new Error(`NAVAIA_CLOCK_START is not a date: ${start}`);
  return at - Date.now();
}

/** The whole app without Electron: core over the database file, served to a browser on 127.0.0.1. */
export async function startBrowserHost(
  options: BrowserHostOptions,
): Promise<{ app: NavaiaApp; host: WsHost; found: DataFileFinding }> {
  const found = findDataFile(options.dbFile);
  const db = openDatabase(options.dbFile, {
    ...logDatabaseOpening(options.logger),
  });
  const app = createApp({
    db,
    logger: options.logger,
    host: 'browser',
    dataFile: options.dbFile,
    // Simulated calls at real speed by default; a smaller scale rehearses faster (demos, end-to-end tests).
    simulator: { timeScale: Number(process.env.NAVAIA_SIMULATOR_TIME_SCALE ?? 1) },
    clock: createSystemClock(clockOffset(process.env.NAVAIA_CLOCK_START)),
    secrets: createEncryptedFileStore(secretFilesFor(options.dbFile)),
  });
  await app.start();
  const host = await startWsHost({
    app,
    port: options.port,
    portIsPreference: options.portIsPreference,
    token: options.token,
    staticDir: options.staticDir ?? defaultRendererDir(),
    // Twilio and ElevenLabs reach /webhooks/… here, through a tunnel to this port (Settings → Providers).
    handleHttp: app.webhooks,
  });
  return { app, host, found };
}
