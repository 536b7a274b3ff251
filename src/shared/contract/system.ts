import { z } from 'zod';
import { event, method } from './define';

export interface TableCounts {
  customers: number;
  campaigns: number;
  callAttempts: number;
  dncNumbers: number;
  bookings: number;
  contracts: number;
  properties: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser' | 'cli';
  dataFile: string;
  versions: Record<string, string>;
  /** The app's clock now (epoch ms): the renderer measures call durations against it. */
  now: number;
}

/** A copy of the database in the data folder's `backups/`. */
export interface DatabaseBackup {
  name: string;
  file: string;
  bytes: number;
  /** When the file was written (epoch ms). */
  createdAt: number;
}

export interface ImportScheduled {
  restartRequired: true;
  message: string;
}

/** The UI names a file in `backups/`, never a path: the page cannot make core read an arbitrary file. */
export const backupNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,150}\.db$/;

export const systemMethods = {
  'system.info': method<AppInfo>()(z.object({}).strict()),
  'system.tableCounts': method<TableCounts>()(z.object({}).strict()),
  /** A verified copy of the live database (online backup API) into `backups/`. */
  'database.export': method<DatabaseBackup>()(z.object({}).strict()),
  /** The copies in `backups/`, newest first. */
  'database.backups': method<DatabaseBackup[]>()(z.object({}).strict()),
  /** Checks a backup and schedules it to replace the database at the next start (the current one is kept). */
  'database.import': method<ImportScheduled>()(
    z
      .object({ name: z.string().regex(backupNamePattern, 'Choose a .db file from the backups folder') })
      .strict(),
  ),
};

export const systemEvents = {
  /** Something the supervisor must see (provider unreachable, campaign auto-paused …). */
  'system.notice': event<{ level: 'info' | 'warning' | 'error'; message: string }>(),
};
