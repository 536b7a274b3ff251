/**
 * Pacing accuracy: one simulated hour at a target of 120 calls/min and 50 concurrent calls.
 *   npx tsx bench/engine-pacing.ts [perMinute=120] [maxConcurrent=50]
 */
import { runVirtualUntil } from '../src/core/clock/virtual-clock';
import { benchApp, benchStart, insertBenchCustomers } from './engine-harness';

const targetPerMinute = Number(process.argv[2] ?? 120);
const maxConcurrent = Number(process.argv[3] ?? 50);
// Calls at 0.3× their natural length average ~20 s, so the rate (not the concurrency cap) is what binds.
const { app, db, clock, campaign } = benchApp({ timeScale: 0.3, transcripts: false });
insertBenchCustomers(db, Math.max(12_000, targetPerMinute * 70));
const id = campaign({ pacing: { maxConcurrent, maxPerMinute: targetPerMinute } });
await app.start();
app.engine.startCampaign(id);
const hour = 3_600_000;
await runVirtualUntil(clock, benchStart + hour);
await app.engine.pauseCampaign(id);

const spans = db.$client
  .prepare('select dialed_at as s, coalesce(ended_at, ?) as e from call_attempts where dialed_at is not null')
  .all(benchStart + hour) as { s: number; e: number }[];
const inHour = spans.filter((x) => x.s < benchStart + hour);
const perMinute = new Array(60).fill(0);
for (const x of inHour) perMinute[Math.floor((x.s - benchStart) / 60_000)]++;
const points = spans.flatMap((x) => [
  [x.s, 1],
  [x.e, -1],
]) as [number, number][];
points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
let live = 0;
let peak = 0;
for (const [, d] of points) {
  live += d;
  peak = Math.max(peak, live);
}
const achieved = inHour.length / 60;
console.log(`target ${targetPerMinute}/min, max ${maxConcurrent} concurrent, 1 simulated hour`);
console.log(
  `dialled ${inHour.length} → ${achieved.toFixed(2)}/min (${(((achieved - targetPerMinute) / targetPerMinute) * 100).toFixed(2)} % off target)`,
);
console.log(
  `per-minute min ${Math.min(...perMinute)}, max ${Math.max(...perMinute)}; peak concurrency ${peak} (limit ${maxConcurrent})`,
);
await app.close();
