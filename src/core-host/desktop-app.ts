import { createApp, type NavaiaApp } from '../core/app';
import { describeDataFile, findDataFile, maySeedDemoData } from '../core/db/data-file';
import { logDatabaseOpening, openDatabase } from '../core/db/open';
import { ensureDemoData } from '../core/db/seed/seed-demo-data';
import type { Logger } from '../core/logging/logger';
import type { SecretStore } from '../core/secrets/secret-store';
import type { CoreStartOptions } from '../shared/hosts/core-process';

export interface OpenedCore {
  app: NavaiaApp;
  /** What to tell the user about the data file; `alarming` when their data may be missing. */
  dataFileNote?: { message: string; alarming: boolean };
}

/**
 * The desktop app's core over its data file, as the main process used to build it: migrated, demo data on
 * a true first start only (never into an emptied or missing database), its own webhook listener.
 */
export function openDesktopCore(options: CoreStartOptions, secrets: SecretStore, logger: Logger): OpenedCore {
  const { dataFile } = options;
  const found = findDataFile(dataFile);
  const db = openDatabase(dataFile, {
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
    ...logDatabaseOpening(logger),
  });
  if (maySeedDemoData(found)) ensureDemoData(db, Date.now());
  const note = found.state === 'existing' ? undefined : describeDataFile(found);
  if (note) logger.warn({ dataFile, state: found.state }, note);
  logger.info({ dataFile, version: options.version, pid: process.pid }, 'navaia core started');
  // The desktop has no HTTP server: its own webhook listener runs while a public URL is set.
  const app = createApp({ db, logger, host: 'electron', dataFile, secrets, webhookListener: true });
  return {
    app,
    dataFileNote: note ? { message: note, alarming: found.state === 'empty' || found.usedBefore } : undefined,
  };
}
