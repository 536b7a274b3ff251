import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabaseOptions {
  /** Folder of drizzle-kit migrations; defaults to the repository's `drizzle/`. */
  migrationsFolder?: string;
  /** Path of a better-sqlite3 binary built for the current runtime (Electron passes its own). */
  nativeBinding?: string;
}

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
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const client = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema }) as Db;
  migrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() });
  return db;
}
