import type { Db } from '../../db/open';
import { openDatabase } from '../../db/open';

const tables = ['customers', 'customer_tags'];
let canonical: { name: string; sql: string; unique: boolean }[] | undefined;

/** The indexes of the customer tables exactly as the migrations define them (read once per process). */
function canonicalIndexes() {
  if (!canonical) {
    const fresh = openDatabase(':memory:');
    try {
      canonical = (
        fresh.$client
          .prepare(
            `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`,
          )
          .all(...tables) as { name: string; sql: string }[]
      ).map((i) => ({ ...i, unique: /^create unique/i.test(i.sql) }));
    } finally {
      fresh.$client.close();
    }
  }
  return canonical;
}

const presentIndexes = (db: Db) =>
  new Set(
    db.$client
      .prepare(
        `select name from sqlite_master where type = 'index' and tbl_name in (${tables.map(() => '?').join(',')})`,
      )
      .pluck()
      .all(...tables) as string[],
  );

/** Recreates any customer index a bulk load left out (the process was killed mid-import). */
export function restoreMissingCustomerIndexes(db: Db): string[] {
  const present = presentIndexes(db);
  const missing = canonicalIndexes().filter((i) => !present.has(i.name));
  for (const index of missing) db.$client.exec(index.sql);
  if (missing.length > 0) db.$client.exec('analyze');
  return missing.map((i) => i.name);
}

/**
 * A first load into an empty customers table builds the secondary indexes once at the end instead of
 * row by row — about twice as fast at a million rows. The unique indexes (phone, external id) stay:
 * the import looks customers up by them. If the process dies midway, the next import puts the missing
 * indexes back (`restoreMissingCustomerIndexes`).
 */
export async function withSecondaryIndexesDeferred<T>(db: Db, run: () => Promise<T>): Promise<T> {
  const deferred = canonicalIndexes().filter((i) => !i.unique);
  for (const index of deferred) db.$client.exec(`drop index if exists "${index.name.replaceAll('"', '""')}"`);
  try {
    return await run();
  } finally {
    restoreMissingCustomerIndexes(db);
  }
}
