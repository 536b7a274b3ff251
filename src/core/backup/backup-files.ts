import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Backups live in `backups/` beside the database file, so they move with it. */
export function backupsFolder(dataFile: string): string {
  return join(dirname(dataFile), 'backups');
}

/** A sortable, file-name-safe UTC stamp: 20260314T091500123Z. */
export function fileStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:.]/g, '');
}

/**
 * Where the database is kept before `event` changes it (`navaia-before-import-20261125T080000000Z.db`),
 * in `backups/`, which this creates.
 */
export function backupFileBefore(dataFile: string, event: string, now: number): string {
  const folder = backupsFolder(dataFile);
  mkdirSync(folder, { recursive: true });
  return join(folder, `${basename(dataFile, '.db')}-before-${event}-${fileStamp(now)}.db`);
}

/** The files SQLite keeps beside a database: its write-ahead log, shared memory and rollback journal. */
export const sidecarFiles = (dataFile: string) => [
  `${dataFile}-wal`,
  `${dataFile}-shm`,
  `${dataFile}-journal`,
];

/** Where an import waits for the next start, when no connection holds the database open. */
export const pendingImportFile = (dataFile: string) => `${dataFile}.import-pending`;
