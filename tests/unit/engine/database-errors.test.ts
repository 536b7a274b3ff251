import { classifyDatabaseFailure, isBusyError, isStorageError } from '@core/engine/database-errors';
import { AppError } from '@shared/errors';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

/** The error better-sqlite3 throws when `run` fails, caught. */
const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

const sqlite = (code: string) => new Database.SqliteError(`failed with ${code}`, code);

describe('what a failed database call means for dialling', () => {
  it('pauses only the campaign for a statement that fails or a constraint (real errors from SQLite)', () => {
    const db = new Database(':memory:');
    try {
      db.exec('create table t (id integer primary key, phone text unique not null)');
      db.exec("insert into t (phone) values ('+1')");
      const noTable = thrownBy(() => db.prepare('select * from missing').all());
      const unique = thrownBy(() => db.prepare("insert into t (phone) values ('+1')").run());
      const notNull = thrownBy(() => db.prepare('insert into t (phone) values (null)').run());
      expect((noTable as { code: string }).code).toBe('SQLITE_ERROR');
      expect((unique as { code: string }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
      expect((notNull as { code: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
      for (const err of [noTable, unique, notNull]) {
        expect(classifyDatabaseFailure(err)).toBe('campaign');
        expect(isStorageError(err)).toBe(false);
        expect(isBusyError(err)).toBe(false);
      }
    } finally {
      db.close();
    }
  });

  it('stops all dialling for a full disk (a real SQLITE_FULL)', () => {
    const db = new Database(':memory:');
    try {
      db.exec('create table t (v blob)');
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
      const full = thrownBy(() => db.prepare('insert into t values (zeroblob(100000))').run());
      expect((full as { code: string }).code).toBe('SQLITE_FULL');
      expect(classifyDatabaseFailure(full)).toBe('storage');
    } finally {
      db.close();
    }
  });

  it.each([
    'SQLITE_FULL',
    'SQLITE_IOERR',
    'SQLITE_IOERR_WRITE',
    'SQLITE_IOERR_FSYNC',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_CANTOPEN',
    'SQLITE_NOMEM',
    'SQLITE_PROTOCOL',
  ])('%s: the database cannot be written, all dialling waits for it', (code) => {
    expect(classifyDatabaseFailure(sqlite(code))).toBe('storage');
  });

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'])(
    '%s: another process holds the lock, waited out',
    (code) => {
      expect(classifyDatabaseFailure(sqlite(code))).toBe('busy');
    },
  );

  it.each([
    'SQLITE_ERROR',
    'SQLITE_CONSTRAINT',
    'SQLITE_CONSTRAINT_FOREIGNKEY',
    'SQLITE_MISMATCH',
    'SQLITE_RANGE',
    'SQLITE_INTERRUPT',
    // Codes that merely start like a storage one are not one.
    'SQLITE_FULLY_MADE_UP',
  ])('%s: the campaign is paused, the others go on', (code) => {
    expect(classifyDatabaseFailure(sqlite(code))).toBe('campaign');
  });

  it('pauses the campaign for anything that is not a database error', () => {
    for (const err of [
      new Error('the adapter broke'),
      new AppError('unavailable', 'no provider'),
      Object.assign(new Error('disk'), { code: 'ENOSPC' }),
      Object.assign(new Error('odd'), { code: 42 }),
      'a string',
      undefined,
      null,
    ]) {
      expect(classifyDatabaseFailure(err)).toBe('campaign');
    }
  });
});
