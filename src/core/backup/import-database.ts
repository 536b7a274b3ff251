import { existsSync, renameSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ensurePrivateFile } from '../secrets/private-file';
import { backupFileBefore, pendingImportFile, sidecarFiles } from './backup-files';
import { openImportCandidate } from './inspect-database-file';

/**
 * Step 1 of an import, while the app runs: checks the chosen file (a SQLite file, intact, a Navaia
 * database this version can read) and stages a consistent copy of it beside the database. The live
 * database is not touched; a refused file changes nothing. The swap itself waits for the next start
 * (`applyPendingImport`), the one moment no connection, engine timer or window holds the file open.
 */
export function stageImport(
  client: Database.Database,
  source: string,
  dataFile: string,
): { pendingFile: string } {
  const candidate = openImportCandidate(client, source);
  const pendingFile = pendingImportFile(dataFile);
  const partial = `${pendingFile}.partial`;
  rmSync(partial, { force: true });
  try {
    // VACUUM INTO reads the source in one transaction: the staged copy is consistent and self-contained.
    // It may write into an empty file, created private first.
    ensurePrivateFile(partial);
    candidate.prepare('vacuum into ?').run(partial);
    renameSync(partial, pendingFile);
  } finally {
    candidate.close();
    rmSync(partial, { force: true });
  }
  return { pendingFile };
}

/**
 * Whether another connection — the desktop app, a browser host, a CLI command in another process — has
 * the database open. Leaving WAL mode needs the only connection, so SQLite refuses it then. (Navaia keeps
 * every database it opens in WAL mode; a file in another mode is not held open by Navaia.)
 */
function openElsewhere(dataFile: string, openClient: (file: string) => Database.Database): boolean {
  let client: Database.Database;
  try {
    client = openClient(dataFile);
  } catch {
    return false; // unreadable: kept as it is below
  }
  try {
    client.pragma('busy_timeout = 0');
    if (client.pragma('journal_mode', { simple: true }) !== 'wal') return false;
    client.pragma('journal_mode = DELETE');
    return false;
  } catch (err) {
    return String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY');
  } finally {
    client.close();
  }
}

/**
 * Step 2, at start-up before the database is opened: keeps the current database in `backups/`, then puts
 * the staged import in its place. Safe to repeat after a crash at any point: the staged file is only
 * renamed once the current one is safely kept. While another process still has the database open (a
 * CLI command run beside the app), the swap waits for a start when none does: `deferred`.
 */
export function applyPendingImport(
  dataFile: string,
  openClient: (file: string) => Database.Database,
  now: number,
): { backupFile?: string; deferred?: true } | undefined {
  const pendingFile = pendingImportFile(dataFile);
  if (!existsSync(pendingFile)) return undefined;
  let backupFile: string | undefined;
  if (existsSync(dataFile)) {
    if (openElsewhere(dataFile, openClient)) return { deferred: true };
    backupFile = backupFileBefore(dataFile, 'import', now);
    try {
      const current = openClient(dataFile);
      try {
        ensurePrivateFile(backupFile);
        current.prepare('vacuum into ?').run(backupFile);
      } finally {
        current.close();
      }
    } catch {
      // An unreadable current database is still kept, as it is: the file with its WAL beside it.
      rmSync(backupFile, { force: true });
      for (const file of [dataFile, ...sidecarFiles(dataFile)]) {
        if (existsSync(file)) renameSync(file, file.replace(dataFile, backupFile));
      }
    }
    for (const file of [dataFile, ...sidecarFiles(dataFile)]) rmSync(file, { force: true });
  }
  renameSync(pendingFile, dataFile);
  return { backupFile };
}
