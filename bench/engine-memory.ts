/**
 * Memory of a 1,000,000-customer campaign: the engine streams the audience in pages, so the process
 * stays flat however large the audience. Runs the first N calls (or all of them) and samples RSS.
 *   npx tsx bench/engine-memory.ts [calls=30000|all] [--db seeded.db]
 * Without --db, 1,000,000 identical callable customers are inserted; with it, the campaign runs on a
 * database seeded by `node bin/navaia.js seed --customers 1000000 --db seeded.db` (the file is changed).
 */
import { countAudience } from '../src/core/audience/count-audience';
import { runVirtualUntil } from '../src/core/clock/virtual-clock';
import { benchApp, benchStart, insertBenchCustomers, status } from './engine-harness';

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const file = dbAt >= 0 ? args[dbAt + 1] : undefined;
const callsArg = args.find((a, i) => !a.startsWith('--') && (dbAt < 0 || i !== dbAt + 1)) ?? '30000';
const calls = callsArg === 'all' ? Number.POSITIVE_INFINITY : Number(callsArg);

const { app, db, clock, campaign } = benchApp({ timeScale: 0, transcripts: false }, file);
if (!file) insertBenchCustomers(db, 1_000_000);
const customers = db.$client.prepare('select count(*) from customers').pluck().get() as number;
const audience = countAudience(
  db,
  { combinator: 'and', rules: [] },
  { now: benchStart, frequencyCapDays: 0 },
).eligible;
const id = campaign({ pacing: { maxConcurrent: 500, maxPerMinute: 1000 } });
await app.start();
const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const samples: number[] = [rss()];
const started = performance.now();
// Calls placed, counted as the provider takes them: polling `count(*) … dialed_at is not null` read
// every attempt each simulated minute (1.1–1.4 s at 800,000 attempts), half the bench's wall time.
let placed = 0;
const provider = app.engine.providerOf('simulator');
const placeCall = provider.placeCall.bind(provider);
provider.placeCall = (request) => {
  placed++;
  return placeCall(request);
};
app.engine.startCampaign(id);
const every = Number.isFinite(calls) ? calls / 10 : Math.ceil(audience / 10);
let next = every;
let count = 0;
while (count < calls && !['completed', 'cancelled'].includes(status(db, id))) {
  await runVirtualUntil(clock, (clock.nextTimerAt() ?? clock.now()) + 60_000);
  count = placed;
  if (count >= next) {
    samples.push(rss());
    next += every;
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${customers.toLocaleString('en')} customers (${file ? 'seeded demo data' : 'identical bench rows'}), ` +
    `${audience.toLocaleString('en')} eligible; campaign ${status(db, id)}`,
);
console.log(
  `${count.toLocaleString('en')} calls placed in ${seconds.toFixed(0)} s; ` +
    `${Math.round((clock.now() - benchStart) / 3_600_000)} simulated hours`,
);
console.log(`RSS (MB) every ${Math.round(every).toLocaleString('en')} calls: ${samples.join(' → ')}`);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
await app.close();
