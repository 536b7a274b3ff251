import { afterEach, beforeEach } from 'vitest';
import { type AppDependencies, createApp, type NavaiaApp } from '../../src/core/app';
import type { Db } from '../../src/core/db/open';
import { silentLogger } from '../../src/core/logging/logger';
import { invoker } from './invoke';
import { createTempDb } from './temp-db';

export interface TestApp {
  app: NavaiaApp;
  /** Calls a contract method the way the hosts do. */
  call: ReturnType<typeof invoker>;
}

/**
 * A fresh app on its own temporary database file for every test of the suite, closed and deleted after
 * it. `prepare` fills the database before the app starts; `options` adds to what createApp is given.
 * Read the fields inside a test (they are replaced before each one).
 */
export function appForEachTest(
  setup: { prepare?: (db: Db) => void; options?: () => Partial<AppDependencies> } = {},
): TestApp {
  const current = {} as TestApp;
  let cleanup: () => void = () => undefined;
  beforeEach(() => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    setup.prepare?.(temp.db);
    current.app = createApp({
      db: temp.db,
      logger: silentLogger,
      host: 'cli',
      dataFile: temp.file,
      ...setup.options?.(),
    });
    current.call = invoker(current.app);
  });
  afterEach(async () => {
    await current.app.close();
    cleanup();
  });
  return current;
}
