/**
 * Memory of a 1,000,000-customer campaign: the engine streams the audience in pages, so the process
 * stays flat however large the audience. Runs the first N calls and samples RSS along the way.
 *   npx tsx bench/engine-memory.ts [calls=30000]
 */
import { runVirtualUntil } from '../src/core/clock/virtual-clock';
import { benchApp, insertBenchCustomers } from './engine-harness';

const calls = Number(process.argv[2] ?? 30_000);
const { app, db, clock, campaign } = benchApp({ timeScale: 0, transcripts: false });
insertBenchCustomers(db, 1_000_000);
const id = campaign({ pacing: { maxConcurrent: 500, maxPerMinute: 1000 } });
await app.start();
const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const samples: number[] = [rss()];
app.engine.startCampaign(id);
const dialled = db.$client.prepare('select count(*) from call_attempts where dialed_at is not null').pluck();
let next = calls / 10;
while ((dialled.get() as number) < calls) {
  await runVirtualUntil(clock, (clock.nextTimerAt() ?? clock.now()) + 60_000);
  if ((dialled.get() as number) >= next) {
    samples.push(rss());
    next += calls / 10;
  }
}
console.log(`1,000,000 customers in the audience; ${dialled.get()} calls placed`);
console.log(`RSS (MB) every ${calls / 10} calls: ${samples.join(' → ')}`);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
await app.close();
