/**
 * What a failed database call means for dialling, by SQLite's result code (better-sqlite3's
 * `SqliteError.code`, extended codes included, e.g. `SQLITE_IOERR_WRITE`):
 *
 * - `storage`: the file cannot be written (full disk, I/O error, read-only or vanished file, out of
 *   memory, the WAL's lock protocol). Nothing can be recorded, so nothing may be dialled — by any campaign — until a probe
 *   writes again.
 * - `busy`: another process held the lock past the busy timeout. Waited out: the pass is tried again.
 * - `campaign`: anything else — a failing statement (`SQLITE_ERROR`), a constraint, a mismatch, a
 *   plain `Error` from code or an adapter. The database is fine; what failed is this campaign's pass,
 *   so that campaign is paused with the reason and the others go on.
 */
export type DatabaseFailure = 'storage' | 'busy' | 'campaign';

const storageCodes = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_NOMEM',
  // The WAL's shared-memory locking failed: like an I/O error, retried by the probe.
  'SQLITE_PROTOCOL',
];
const busyCodes = ['SQLITE_BUSY', 'SQLITE_LOCKED'];

/** An error's SQLite code, or '' when it has none. */
export const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : '';
};

/** The primary code, or the primary code of an extended one (`SQLITE_IOERR_FSYNC` → `SQLITE_IOERR`). */
export const isCode = (code: string, primary: string) => code === primary || code.startsWith(`${primary}_`);

export function classifyDatabaseFailure(err: unknown): DatabaseFailure {
  const code = codeOf(err);
  if (storageCodes.some((primary) => isCode(code, primary))) return 'storage';
  if (busyCodes.some((primary) => isCode(code, primary))) return 'busy';
  return 'campaign';
}

/** The disk is full, or the file cannot be written: nothing can be recorded, so nothing may be dialled. */
export const isStorageError = (err: unknown) => classifyDatabaseFailure(err) === 'storage';

/** Another process holds the write lock beyond the busy timeout: try again in a moment. */
export const isBusyError = (err: unknown) => classifyDatabaseFailure(err) === 'busy';
