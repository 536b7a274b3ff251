/**
 * Customer import at scale: writes a CSV of N customers (default 1,000,000) in /tmp, then imports it
 * into a fresh database through the same code as `navaia import customers` (a file stream into
 * importCustomersCsv), reporting wall time and memory as rows go in.
 * Rows are read on a worker thread as the CLI does; `--one-thread` reads them on the writing thread (as
 * the app's chunked upload does).
 *   npx tsx bench/customer-import.ts [rows] [--keep] [--one-thread]
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guessMapping } from '../src/core/customers/import/column-mapping';
import { importCustomersCsv } from '../src/core/customers/import/import-customers-csv';
import { createRejectsFile } from '../src/core/customers/import/rejects-file';
import { openDatabase } from '../src/core/db/open';
import { demoCities, demoInterests, lifecycleStages } from '../src/core/db/seed/demo-catalog';
import { SeededRandom } from '../src/core/random/seeded-random';

const rows = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(rows) || rows < 1) {
  console.error('usage: npx tsx bench/customer-import.ts [rows] [--keep] [--one-thread]');
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

let started = performance.now();
await writeCsv();
console.log(
  `wrote ${rows.toLocaleString()} rows (${mb(statSync(csvFile).size)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${csvFile}`,
);

const db = openDatabase(join(dir, 'navaia.db'));
const rss: string[] = [];
let peakRss = 0;
/** When the last batch was written: after it, only the secondary indexes are built. */
let lastBatchAt = 0;
started = performance.now();
const result = await importCustomersCsv(
  db,
  createReadStream(csvFile, { encoding: 'utf8', highWaterMark: 1024 * 1024 }),
  {
    mapping: guessMapping(headers),
    region: 'US',
    now: Date.now(),
    rejects: createRejectsFile(join(dir, 'customers.rejects.csv')),
    bulkFirstLoad: true,
    readInWorker: !process.argv.includes('--one-thread'),
    onProgress: ({ rowsProcessed }) => {
      lastBatchAt = performance.now();
      const current = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, current);
      if (rowsProcessed % Math.max(5_000, Math.floor(rows / 10 / 5_000) * 5_000) === 0)
        rss.push(`${mb(current)}`);
    },
  },
);
const seconds = (performance.now() - started) / 1000;
const { imported, updated, rejected } = result;
console.log(JSON.stringify({ imported, updated, rejected }));
console.log(
  `import: ${seconds.toFixed(1)} s → ${Math.round(rows / seconds).toLocaleString()} rows/s (target ≤ 30 s for 1,000,000)`,
);
console.log(
  `rows written in ${((lastBatchAt - started) / 1000).toFixed(1)} s, then indexes built and analysed in ${(seconds - (lastBatchAt - started) / 1000).toFixed(1)} s`,
);
console.log(`RSS (MB) every ~10 %: ${rss.join(' → ')}`);
console.log(
  `peak RSS during import ${mb(peakRss)} MB; process max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
db.$client.close();
if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
