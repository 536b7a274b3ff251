import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { backupsFolder } from '../backup/backup-files';

/**
 * What a host found where its database should be, before opening it: nothing (this run creates the file),
 * an empty file (0 bytes: SQLite would take it for a new database), or a database. `usedBefore` says
 * whether Navaia has been used in that folder (backups or stored credentials beside the file): a database
 * was expected there, so a missing one is news to the user, not a first start.
 */
export interface DataFileFinding {
  file: string;
  state: 'created' | 'empty' | 'existing';
  usedBefore: boolean;
  backups: string;
}

export function findDataFile(file: string): DataFileFinding {
  const backups = backupsFolder(file);
  const usedBefore =
    (existsSync(backups) && readdirSync(backups).length > 0) ||
    existsSync(`${file}.secrets`) ||
    existsSync(`${file}.secrets-os`);
  if (file === ':memory:' || !existsSync(file)) return { file, state: 'created', usedBefore, backups };
  return { file, state: statSync(file).size === 0 ? 'empty' : 'existing', usedBefore, backups };
}

/** Demo customers only go into a database this run created where Navaia was never used before. */
export const maySeedDemoData = (found: DataFileFinding) => found.state === 'created' && !found.usedBefore;

/** What the host tells the user about the file it opened, or nothing for an ordinary existing database. */
export function describeDataFile(found: DataFileFinding): string | undefined {
  const restore = `To get your data back, import a backup from ${found.backups} (Settings → Backups, or File → Import Database).`;
  if (found.state === 'empty')
    return `${found.file} is empty (0 bytes): Navaia opened it as a new database and added no demo data. If it should hold your customers and campaigns, it was damaged or emptied outside Navaia. ${restore}`;
  if (found.state === 'created' && found.usedBefore)
    return `There was no database at ${found.file}, although Navaia has been used in that folder: it started a new, empty one and added no demo data. ${restore}`;
  if (found.state === 'created') return `Created a new database at ${found.file}.`;
  return undefined;
}

/** SQLite's codes for a file that is not a database or is damaged. */
const unreadableCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * The error a host shows for a database file SQLite cannot read: what it means, that it was left as it
 * was, and where the backups are, instead of SQLite's "file is not a database".
 */
export function unreadableDatabaseError(file: string, err: unknown): AppError | undefined {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (!unreadableCodes.has(code) && !code.startsWith('SQLITE_CORRUPT')) return undefined;
  const folder = backupsFolder(file);
  const backups = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.db')) : [];
  const newest = backups.sort().at(-1);
  const where = newest
    ? `The newest backup is ${join(folder, newest)} (${backups.length} in ${folder}).`
    : `No backups were found in ${folder}.`;
  const what = code === 'SQLITE_NOTADB' ? 'is not a database' : 'is damaged';
  return new AppError(
    'unavailable',
    `${file} ${what} (SQLite: ${(err as Error).message}). Navaia did not change it. ${where} To go on, move the file away and put a backup in its place, or start with --db pointing to another file.`,
  );
}
