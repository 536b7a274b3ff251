/**
 * The demo seed against a raw insert of the same rows, in the same run: `seedDemoData` into a fresh
 * database as `navaia seed` does, then every row it wrote read back into memory and inserted into another
 * fresh database with the same schema by prepared statements in 10,000-row transactions, secondary
 * indexes and triggers built after the rows (the fastest way found), then ANALYZE as the seed does.
 *   node --import tsx bench/seed-vs-raw.ts [customers=1000000] [dir=/tmp]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/core/db/open';
import { seedDemoData } from '../src/core/db/seed/seed-demo-data';

const customers = Number(process.argv[2] ?? 1_000_000);
const dir = process.argv[3] ?? '/tmp';
const tables = ['properties', 'customers', 'customer_tags', 'bookings', 'contracts'];
const fresh = (name: string) => {
  const file = join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return { file, db: openDatabase(file) };
};
const seconds = (from: number) => (performance.now() - from) / 1000;

const seeded = fresh('bench-seed.db');
let start = performance.now();
const result = seedDemoData(seeded.db, { customers, now: Date.UTC(2026, 10, 24, 12) });
const seedSeconds = seconds(start);
console.log(
  `seed: ${result.customers.toLocaleString('en-US')} customers, ${result.tags.toLocaleString('en-US')} tags, ${result.bookings.toLocaleString('en-US')} viewings, ${result.contracts.toLocaleString('en-US')} contracts in ${seedSeconds.toFixed(1)} s`,
);

/** A table's stored columns (generated ones are SQLite's to compute: not inserted). */
const storedColumns = (table: string) =>
  (
    seeded.db.$client
      .prepare(`select name from pragma_table_xinfo(?) where hidden = 0`)
      .pluck()
      .all(table) as string[]
  )
    .map((name) => `"${name}"`)
    .join(', ');
const columns = new Map(tables.map((t) => [t, storedColumns(t)]));
const rows = new Map(
  tables.map((t) => [
    t,
    seeded.db.$client
      .prepare(`select ${columns.get(t)} from ${t} order by rowid`)
      .raw()
      .all() as unknown[][],
  ]),
);
seeded.db.$client.close();

const raw = fresh('bench-raw.db');
const c = raw.db.$client;
const deferred = c
  .prepare(
    `select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null
      and tbl_name in (${tables.map(() => '?').join(', ')})`,
  )
  .all(...tables) as { type: string; name: string; sql: string }[];
start = performance.now();
for (const { type, name } of deferred) c.exec(`drop ${type} "${name}"`);
for (const table of tables) {
  const all = rows.get(table)!;
  if (all.length === 0) continue;
  const insert = c.prepare(
    `insert into ${table} (${columns.get(table)}) values (${all[0].map(() => '?').join(', ')})`,
  );
  for (let i = 0; i < all.length; i += 10_000)
    c.transaction(() => {
      for (const row of all.slice(i, i + 10_000)) insert.run(row);
    })();
}
const rowsSeconds = seconds(start);
for (const { sql } of deferred) c.exec(sql);
c.exec('analyze');
const rawSeconds = seconds(start);
c.close();

const indexes = deferred.filter((d) => d.type === 'index' && / on [`"]?customers[`"]? /i.test(d.sql)).length;
console.log(
  `raw insert of the same rows: ${rawSeconds.toFixed(1)} s (rows ${rowsSeconds.toFixed(1)} s, then ${indexes} secondary indexes on customers and the others' + triggers + analyze ${(rawSeconds - rowsSeconds).toFixed(1)} s)`,
);
console.log(`seed / raw: ${(seedSeconds / rawSeconds).toFixed(2)}×   (target ≤ 1.5×)`);
for (const name of ['bench-seed.db', 'bench-raw.db'])
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `${name}${suffix}`), { force: true });
