import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { ensurePrivateFile } from '../secrets/private-file';
import { sidecarFiles } from './backup-files';
import { integrityOf } from './inspect-database-file';
import { openSibling } from './sibling-connection';

/**
 * The copy is read on a connection of its own that holds one read transaction from the first page to
 * the last: in WAL mode that is a fixed snapshot of what was committed when the export began, which the
 * engine's later writes neither disturb nor restart. (The live connection cannot serve: the engine keeps
 * a write batch open on it, and the backup API reports a step taken then as finished, with no file.)
 */
async function backupFromSnapshot(client: Database.Database, target: string, pagesPerStep: number) {
  const source = openSibling(client, client.name, { readonly: true, fileMustExist: true });
  try {
    source.exec('BEGIN');
    source.prepare('select count(*) from sqlite_master').pluck().get();
    await source.backup(target, { progress: () => pagesPerStep });
    source.exec('COMMIT');
  } finally {
    source.close();
  }
}

/** The file's one true name: links followed, and on case-insensitive disks the case it is stored with. */
function canonicalPath(file: string): string {
  if (existsSync(file)) return realpathSync.native(file);
  return join(realpathSync.native(dirname(file)), basename(file));
}

/**
 * Whether `target` names the live database or one of its sidecar files under any spelling (a linked
 * folder, another case): renaming the copy onto it would swap the file under the open connection, and
 * every later write would go to a file nobody can see.
 */
function isLiveDatabaseFile(liveFile: string, target: string): boolean {
  const live = [liveFile, ...sidecarFiles(liveFile)].map(canonicalPath);
  return live.includes(canonicalPath(target));
}

export interface ExportedDatabase {
  file: string;
  bytes: number;
}

/**
 * Copies the live database to `target` with SQLite's online backup API: a consistent snapshot even while
 * the engine keeps writing, never a raw copy of a file in use. The copy is written beside the target
 * first and renamed only once `PRAGMA integrity_check` passes, so a failed export never leaves a
 * half-written file under the chosen name. The copy is a single self-contained file (no -wal).
 */
export async function exportDatabase(
  client: Database.Database,
  target: string,
  // Pages copied per event-loop turn: small steps keep the main process (and the engine) responsive.
  { pagesPerStep = 256 }: { pagesPerStep?: number } = {},
): Promise<ExportedDatabase> {
  mkdirSync(dirname(target), { recursive: true });
  if (isLiveDatabaseFile(client.name, target)) {
    throw new AppError('invalid_input', 'Choose a file other than the live database');
  }
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    // Customers' data: readable by the user only, like the database it comes from.
    ensurePrivateFile(partial);
    await backupFromSnapshot(client, partial, pagesPerStep);
    const copy = openSibling(client, partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const integrity = integrityOf(copy);
      if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${integrity}`);
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('internal', `Export to ${target} failed: ${(err as Error).message}`);
  }
  return { file: target, bytes: statSync(target).size };
}
