/**
 * Customer import at scale: writes a CSV of N customers (default 1,000,000) in /tmp, then imports it
 * into fresh databases, in one process, three ways:
 *   raw     the best hand-written single pass over the same file (bench/customer-import-raw.ts)
 *   cli     what `navaia import customers` runs: a file stream into importCustomersCsv (first load)
 *   upload  what the app's Import page does: customers.import.begin, 1 MB pieces of text through
 *           customers.import.chunk (the renderer's piece size), customers.import.finish — through the
 *           app's own dispatch, as the hosts call it
 * and checks the three databases hold the same customers and tags (SHA-256 of every row), reporting wall
 * time and RSS sampled every 100 ms through each run.
 *   node --import tsx bench/customer-import.ts [rows] [--runs N] [--only raw,cli,upload] [--keep]
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/core/app';
import { guessMapping } from '../src/core/customers/import/column-mapping';
import { importCustomersCsv } from '../src/core/customers/import/import-customers-csv';
import { createRejectsFile } from '../src/core/customers/import/rejects-file';
import { type Db, openDatabase } from '../src/core/db/open';
import { demoCities, demoInterests, lifecycleStages } from '../src/core/db/seed/demo-catalog';
import { silentLogger } from '../src/core/logging/logger';
import { SeededRandom } from '../src/core/random/seeded-random';
import { rawImport } from './customer-import-raw';

const rows = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(rows) || rows < 1) {
  console.error(
    'usage: node --import tsx bench/customer-import.ts [rows] [--runs N] [--only raw,cli,upload] [--keep]',
  );
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'navaia-import-bench-'));
const csvFile = join(dir, 'customers.csv');
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const headers = [
  'External ID',
  'First Name',
  'Last Name',
  'Mobile',
  'E-mail',
  'City',
  'Neighborhood',
  'Interests',
  'Lifecycle stage',
  'Consent',
  'Customer since',
  'Budget',
];

/** A CRM-like export: one row in a hundred has a number that cannot be read. */
async function writeCsv() {
  const random = new SeededRandom(7);
  const out = createWriteStream(csvFile);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${headers.join(',')}\n`);
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const city = demoCities[i % demoCities.length];
    // Distinct numbers (the demo data's fictional ones are too few to be unique at this size).
    const phone = i % 100 === 0 ? '555-01' : `+1212${2_000_000 + (i % 8_000_000)}`;
    const tags = random.sample(demoInterests, random.int(0, 3)).join(';');
    const since = new Date(Date.UTC(2019, 0, 1) + random.int(0, 2_000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const budget = `${random.int(20, 90) * 10}k-${random.int(100, 200) * 10}k`;
    chunk += `CRM-${i},Name${i},"Family, ${i % 977}",${phone},person${i}@example.com,${city.city},${random.pick(city.neighborhoods)},"${tags}",${random.pick(lifecycleStages)},${random.pick(['written', 'verbal', 'none'])},${since},${budget}\n`;
    if (i % 5_000 === 0 || i === rows) {
      await write(chunk);
      chunk = '';
    }
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

const argAfter = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(argAfter('--runs') ?? 1);
const only = (argAfter('--only') ?? 'raw,cli,upload').split(',');

let started = performance.now();
await writeCsv();
console.log(
  `wrote ${rows.toLocaleString()} rows (${mb(statSync(csvFile).size)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${csvFile}`,
);
const mapping = guessMapping(headers);
const now = Date.UTC(2026, 11, 2);

/** Every customer and tag row, in id order, hashed: equal hashes, equal data. */
function contentHash(db: Db): string {
  const hash = createHash('sha256');
  const stored = (
    db.$client
      .prepare("select name from pragma_table_xinfo('customers') where hidden = 0")
      .pluck()
      .all() as string[]
  )
    .map((name) => `"${name}"`)
    .join(', ');
  for (const row of db.$client.prepare(`select ${stored} from customers order by id`).raw().iterate())
    hash.update(JSON.stringify(row));
  for (const row of db.$client
    .prepare('select * from customer_tags order by customer_id, tag')
    .raw()
    .iterate())
    hash.update(JSON.stringify(row));
  return hash.digest('hex').slice(0, 16);
}

/** The upload's app stamps rows with its own clock, so creation and update times are left out. */
function hashWithoutTimes(db: Db): string {
  db.$client.exec('update customers set created_at = 0, updated_at = 0');
  return contentHash(db);
}

/** The app's Import page: 1 MB pieces of the file's text, in order, each answered before the next. */
async function uploadThroughApp(db: Db, file: string, onProgress: () => void) {
  const app = createApp({ db, logger: silentLogger, host: 'cli', dataFile: file.replace(/\.csv$/, '.db') });
  const unsubscribe = app.context.bus.subscribe(() => onProgress());
  const call = async (method: string, input: unknown) => {
    const response = (await app.dispatch(method as never, input as never, { clientId: 'bench' })) as {
      ok: boolean;
      result?: unknown;
      error?: { message: string };
    };
    if (!response.ok) throw new Error(response.error?.message);
    return response.result as Record<string, unknown>;
  };
  const { importId } = await call('customers.import.begin', {
    fileName: 'customers.csv',
    mapping,
    region: 'US',
  });
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  const decoder = new TextDecoder('utf-8');
  try {
    for (;;) {
      const got = readSync(fd, buffer, 0, buffer.length, null);
      const text = decoder.decode(buffer.subarray(0, got), { stream: got > 0 });
      if (text) await call('customers.import.chunk', { importId, text });
      if (got === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  const result = await call('customers.import.finish', { importId });
  unsubscribe();
  const hash = hashWithoutTimes(db);
  await app.close();
  return { ...result, hash };
}

type Way = 'raw' | 'cli' | 'upload';
const results: Record<
  Way,
  { seconds: number[]; peak: number[]; series: string; hash: string; counts: string }
> = {
  raw: { seconds: [], peak: [], series: '', hash: '', counts: '' },
  cli: { seconds: [], peak: [], series: '', hash: '', counts: '' },
  upload: { seconds: [], peak: [], series: '', hash: '', counts: '' },
};

async function run(way: Way, round: number) {
  const dbFile = join(dir, `${way}-${round}.db`);
  const db = openDatabase(dbFile);
  global.gc?.();
  const samples: number[] = [];
  const sample = () => samples.push(process.memoryUsage.rss());
  const timer = setInterval(sample, 100);
  started = performance.now();
  let counts: unknown;
  if (way === 'raw') counts = await rawImport(db, csvFile, now, sample);
  else if (way === 'cli')
    counts = await importCustomersCsv(
      db,
      createReadStream(csvFile, { encoding: 'utf8', highWaterMark: 1024 * 1024 }),
      {
        mapping,
        region: 'US',
        now,
        rejects: createRejectsFile(join(dir, `${way}-${round}.rejects.csv`)),
        keepRejects: 20,
        bulkFirstLoad: true,
        onProgress: sample,
      },
    );
  else counts = await uploadThroughApp(db, csvFile, sample);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  const r = results[way];
  r.seconds.push(seconds);
  r.peak.push(Math.max(...samples));
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  r.series = samples
    .filter((_, i) => i % tenth === 0)
    .map(mb)
    .join(' → ');
  const { imported, rejected } = counts as { imported: number; rejected: number };
  r.counts = `${imported} imported, ${rejected} rejected`;
  r.hash = way === 'upload' ? (counts as { hash: string }).hash : hashWithoutTimes(db);
  if (db.$client.open) db.$client.close();
  rmSync(dbFile, { force: true });
  console.log(
    `${way} #${round + 1}: ${seconds.toFixed(1)} s, peak RSS ${mb(r.peak.at(-1)!)} MB, ${r.counts}, rows ${r.hash}`,
  );
}

for (let round = 0; round < runs; round++) for (const way of only as Way[]) await run(way, round);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  '\n| path | wall (median of runs) | runs | / raw | RSS through the run (MB) | peak RSS | rows (SHA-256) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const raw = results.raw.seconds.length ? median(results.raw.seconds) : Number.NaN;
for (const way of only as Way[]) {
  const r = results[way];
  console.log(
    `| ${way} | ${median(r.seconds).toFixed(1)} s | ${r.seconds.map((s) => s.toFixed(1)).join(', ')} | ${(median(r.seconds) / raw).toFixed(2)}× | ${r.series} | ${mb(Math.max(...r.peak))} MB | ${r.hash} |`,
  );
}
const hashes = new Set((only as Way[]).map((w) => results[w].hash));
console.log(hashes.size === 1 ? 'rows identical in every path' : 'ROWS DIFFER between paths');
if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
if (hashes.size !== 1) process.exitCode = 1;
