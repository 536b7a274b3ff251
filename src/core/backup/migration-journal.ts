import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

export interface JournalEntry {
  tag: string;
  /** drizzle-kit's timestamp for the migration; drizzle records it as `created_at` once applied. */
  when: number;
}

export function readMigrationJournal(migrationsFolder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** The newest migration a database has applied (epoch ms), or undefined when it has no migrations table. */
export function lastAppliedMigration(client: Database.Database): number | undefined {
  const hasTable = client
    .prepare("select count(*) from sqlite_master where type = 'table' and name = ?")
    .pluck()
    .get('__drizzle_migrations');
  if (!hasTable) return undefined;
  const last = client.prepare('select max(created_at) from __drizzle_migrations').pluck().get() as
    | number
    | null;
  return last ?? 0;
}

/**
 * Migrations drizzle will apply on open: those newer than the last applied one (the same rule as
 * drizzle's migrator). Empty for a new file, which has nothing worth backing up.
 */
export function pendingMigrations(client: Database.Database, journal: JournalEntry[]): JournalEntry[] {
  const last = lastAppliedMigration(client);
  if (last === undefined) return [];
  return journal.filter((entry) => entry.when > last);
}
