import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type NavaiaApp } from '../core/app';
import { openDatabase } from '../core/db/open';
import type { Logger } from '../core/logging/logger';
import { startWsHost, type WsHost } from './ws-host';

export interface BrowserHostOptions {
  dbFile: string;
  logger: Logger;
  port?: number;
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

/** The whole app without Electron: core over the database file, served to a browser on 127.0.0.1. */
export async function startBrowserHost(
  options: BrowserHostOptions,
): Promise<{ app: NavaiaApp; host: WsHost }> {
  const db = openDatabase(options.dbFile);
  const app = createApp({
    db,
    logger: options.logger,
    host: 'browser',
    dataFile: options.dbFile,
    // Simulated calls at real speed by default; a smaller scale rehearses faster (demos, end-to-end tests).
    simulator: { timeScale: Number(process.env.NAVAIA_SIMULATOR_TIME_SCALE ?? 1) },
  });
  await app.start();
  const host = await startWsHost({
    app,
    port: options.port,
    token: options.token,
    staticDir: options.staticDir ?? defaultRendererDir(),
  });
  return { app, host };
}
