import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type Db, openDatabase } from '../../src/core/db/open';

/** A migrated database in a fresh temporary file; `cleanup` closes and deletes it. */
export function createTempDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'navaia-test-'));
  const file = join(dir, 'navaia.db');
  const db = openDatabase(file);
  return {
    db,
    file,
    cleanup: () => {
      if (db.$client.open) db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file whose tests each need one or more fresh databases: call it inside `describe`; every
 * database it makes is closed and deleted after the test that made it.
 */
export function tempDbsPerTest(): () => ReturnType<typeof createTempDb> {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return () => {
    const temp = createTempDb();
    cleanups.push(temp.cleanup);
    return temp;
  };
}
