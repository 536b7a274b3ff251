import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { lastAppliedMigration } from './migration-journal';
import { openSibling } from './sibling-connection';

/** Tables every Navaia database has had since its first migration. */
const requiredTables = ['customers', 'campaigns', 'call_attempts', 'settings', 'dnc_numbers'];

const sqliteHeader = 'SQLite format 3\0';

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === sqliteHeader;
  } finally {
    closeSync(fd);
  }
}

/** `PRAGMA integrity_check`: 'ok', or the first problems it reports. */
export function integrityOf(client: Database.Database): string {
  const rows = client.pragma('integrity_check(20)') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).join('; ');
}

/**
 * Opens `file` read-only as a Navaia database this version can import, after checking that it is one:
 * a SQLite file, intact, with the migrations table and Navaia's tables, not from a newer version.
 * Otherwise throws an AppError that says what is wrong in words the user can act on. The caller closes
 * the connection it gets.
 */
export function openImportCandidate(live: Database.Database, file: string): Database.Database {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new AppError('invalid_input', `${file} does not exist or is not a file`);
  }
  if (size < 512 || !hasSqliteHeader(file)) {
    throw new AppError('invalid_input', `${file} is not a SQLite database, so it cannot be a Navaia backup`);
  }
  let candidate: Database.Database;
  try {
    candidate = openSibling(live, file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AppError(
      'invalid_input',
      `${file} cannot be opened (${(err as Error).message}); nothing was changed`,
    );
  }
  try {
    let integrity: string;
    try {
      integrity = integrityOf(candidate);
    } catch (err) {
      throw new AppError(
        'invalid_input',
        `${file} is damaged and cannot be read (${(err as Error).message}); nothing was changed`,
      );
    }
    if (integrity !== 'ok') {
      throw new AppError(
        'invalid_input',
        `${file} is damaged (integrity check: ${integrity.slice(0, 200)}); nothing was changed`,
      );
    }
    const tables = new Set(
      candidate.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
    );
    const missing = requiredTables.filter((table) => !tables.has(table));
    const last = lastAppliedMigration(candidate);
    if (last === undefined || missing.length > 0) {
      throw new AppError(
        'invalid_input',
        `${file} is a SQLite database but not a Navaia one (missing ${last === undefined ? 'the migrations table' : missing.join(', ')}); nothing was changed`,
      );
    }
    // The live database is migrated to this version's newest migration: anything later is from the future.
    if (last > (lastAppliedMigration(live) ?? 0)) {
      throw new AppError(
        'invalid_input',
        `${file} was written by a newer version of Navaia; update Navaia before importing it`,
      );
    }
    return candidate;
  } catch (err) {
    candidate.close();
    throw err;
  }
}
