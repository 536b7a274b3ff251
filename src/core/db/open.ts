import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { backupFileBefore, pendingImportFile, sidecarFiles } from '../backup/backup-files';
import { applyPendingImport } from '../backup/import-database';
import { pendingMigrations, readMigrationJournal } from '../backup/migration-journal';
import { rememberConnector } from '../backup/sibling-connection';
import { rederiveCustomerPlaces } from '../customers/places/rederive-places';
import type { Logger } from '../logging/logger';
import { ensurePrivateFile, makePrivate } from '../secrets/private-file';
import { unreadableDatabaseError } from './data-file';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabaseOptions {
  /** Folder of drizzle-kit migrations; defaults to the repository's `drizzle/`. */
  migrationsFolder?: string;
  /** Path of a better-sqlite3 binary built for the current runtime (Electron passes its own). */
  nativeBinding?: string;
  /** Stamps backup file names; the host's clock. */
  now?: () => number;
  /** Told about every backup taken while opening (before migrating, before an import), for the log. */
  onBackup?: (backup: { reason: 'migration' | 'import'; file: string }) => void;
  /** Told when a staged import waits because another process has the database open. */
  onImportDeferred?: (pendingFile: string) => void;
}

/** What a host does with the backups and waits of opening: writes them to its log. */
export const logDatabaseOpening = (
  logger: Logger,
): Pick<OpenDatabaseOptions, 'onBackup' | 'onImportDeferred'> => ({
  onBackup: (backup) => logger.info(backup, 'database backed up while opening'),
  onImportDeferred: (pendingFile) =>
    logger.warn({ pendingFile }, 'the database is open in another process; the import waits'),
});

/** Finds `drizzle/` from this file whether it runs from src/ (tsx, vitest) or a bundle in out/. */
export function defaultMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('drizzle migrations folder not found next to the application');
}

/**
 * Opens (creating if needed) the database file and brings its schema up to date.
 * WAL lets readers (the UI's queries) run while the engine writes; the busy timeout covers a second
 * process such as the CLI touching the same file.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  try {
    return openAndMigrate(file, options);
  } catch (err) {
    throw unreadableDatabaseError(file, err) ?? err;
  }
}

function openAndMigrate(file: string, options: OpenDatabaseOptions): Db {
  const now = options.now ?? Date.now;
  const connect = (path: string, extra: Database.Options = {}) =>
    new Database(path, options.nativeBinding ? { ...extra, nativeBinding: options.nativeBinding } : extra);
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    const imported = applyPendingImport(file, connect, now());
    if (imported?.backupFile) options.onBackup?.({ reason: 'import', file: imported.backupFile });
    if (imported?.deferred) options.onImportDeferred?.(pendingImportFile(file));
  }
  // Customers' names and numbers: the file (and so its -wal and -shm, which SQLite creates with the
  // database's mode) is readable by the user only.
  if (file !== ':memory:') ensurePrivateFile(file);
  const client = connect(file);
  try {
    // SQLite reads the file's header only at its first statement: a damaged file fails here, unchanged.
    client.pragma('schema_version');
  } catch (err) {
    client.close();
    throw err;
  }
  rememberConnector(client, connect);
  // First: another process (the CLI beside the app) may hold the write lock for a moment.
  client.pragma('busy_timeout = 5000');
  client.pragma('journal_mode = WAL');
  if (file !== ':memory:') for (const sidecar of sidecarFiles(file)) makePrivate(sidecar);
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const pending =
    file === ':memory:' ? [] : pendingMigrations(client, readMigrationJournal(migrationsFolder));
  if (pending.length > 0) {
    const backup = backupFileBefore(file, pending[pending.length - 1].tag, now());
    // VACUUM INTO, not the async backup API: opening is synchronous, and nothing else writes yet, so one
    // read transaction gives the same consistent, self-contained copy.
    ensurePrivateFile(backup);
    client.prepare('vacuum into ?').run(backup);
    options.onBackup?.({ reason: 'migration', file: backup });
  }
  const db = drizzle(client, { schema }) as Db;
  migrate(db, { migrationsFolder });
  // The planner's statistics, refreshed where a table grew or shrank tenfold since they were taken (a
  // millisecond otherwise): the audience index is searched by city only when they say how few stages
  // there are, and an import or seed that did not gather them would leave counts scanning it whole.
  client.pragma('optimize = 0x10002');
  // Once per database: where customers of an earlier version may be, by this version's rules.
  rederiveCustomerPlaces(db);
  return db;
}
