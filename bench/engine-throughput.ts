/**
 * Engine overhead on seeded demo data: full call lifecycles per second with a zero-latency simulator,
 * the statements each lifecycle costs, and — in the same run — the engine's own writes replayed raw.
 *   npx tsx bench/engine-throughput.ts [customers=100000]
 * Three copies of one seeded database: (1) the engine, timed, statements counted; (2) the engine again,
 * every write kept with its values (not timed); (3) those writes replayed into the third copy through
 * one prepared statement per SQL text, 5,000 to a transaction — the same rows, indexes and triggers
 * the engine writes per lifecycle (every transition, event, ledger row, customer touch), at SQLite's pace.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVirtualUntil } from '../src/core/clock/virtual-clock';
import { openDatabase } from '../src/core/db/open';
import { seedDemoData } from '../src/core/db/seed/seed-demo-data';
import { benchApp, benchStart, status } from './engine-harness';
import { countStatements, replayWrites } from './statement-counter';

const customers = Number(process.argv[2] ?? 100_000);
/** `--engine-only`: no capture and replay (for profiling the engine with `node --cpu-prof`). */
const engineOnly = process.argv.includes('--engine-only');
const counter = countStatements();
const dir = mkdtempSync(join(tmpdir(), 'navaia-throughput-'));
const base = join(dir, 'seeded.db');
{
  const db = openDatabase(base);
  seedDemoData(db, { customers, now: benchStart, seed: 7 });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}
const copy = (name: string) => {
  const file = join(dir, name);
  copyFileSync(base, file);
  return file;
};

/** Runs the campaign over every seeded customer to its end. */
async function runEngine(file: string) {
  const { app, db, clock, campaign } = benchApp({ timeScale: 0, transcripts: false }, file);
  const id = campaign({ pacing: { maxConcurrent: 500, maxPerMinute: 1000 } });
  await app.start();
  counter.reset();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  app.engine.startCampaign(id);
  while (!['completed', 'cancelled'].includes(status(db, id))) {
    await runVirtualUntil(clock, (clock.nextTimerAt() ?? clock.now()) + 60_000);
  }
  const seconds = (performance.now() - started) / 1000;
  // CPU time too: on a shared machine, wall time also counts the other processes' turns.
  const cpu = process.cpuUsage(cpuStarted);
  const counts = { ...counter.counts };
  const one = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
  const result = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    counts,
    attempts: one('select count(*) from call_attempts'),
    dialled: one('select count(*) from call_attempts where dialed_at is not null'),
    events: one('select count(*) from call_events'),
    virtualHours: (clock.now() - benchStart) / 3_600_000,
  };
  await app.close();
  return result;
}

const engine = await runEngine(copy('engine.db'));
if (engineOnly) {
  console.log(engine);
  process.exit(0);
}
const writes = counter.capture();
await runEngine(copy('captured.db'));
counter.stopCapture();

// The replay starts from the same state the engine started from: the seeded rows and the campaign.
const replay = benchApp({ timeScale: 0 }, copy('raw.db'));
replay.campaign({ pacing: { maxConcurrent: 500, maxPerMinute: 1000 } });
const rawStarted = performance.now();
const rawCpuStarted = process.cpuUsage();
replayWrites(replay.db.$client, writes);
const rawSeconds = (performance.now() - rawStarted) / 1000;
const rawCpu = process.cpuUsage(rawCpuStarted);
const rawCpuSeconds = (rawCpu.user + rawCpu.system) / 1e6;
const replayedAttempts = replay.db.$client.prepare('select count(*) from call_attempts').pluck().get();
replay.db.$client.close();

const perLifecycle = (n: number) => (n / engine.dialled).toFixed(1);
const { reads, writes: written, savepoints, commits } = engine.counts;
console.log(
  `seeded customers: ${customers}, attempts: ${engine.attempts} (${engine.dialled} dialled, replay wrote ${replayedAttempts}), ` +
    `events: ${engine.events}, simulated hours: ${engine.virtualHours.toFixed(1)}`,
);
console.log(
  `engine: ${engine.seconds.toFixed(2)} s → ${Math.round(engine.dialled / engine.seconds)} calls/s` +
    ` (CPU ${engine.cpuSeconds.toFixed(2)} s → ${Math.round(engine.dialled / engine.cpuSeconds)}/s)`,
);
console.log(
  `statements per dialled call: ${perLifecycle(reads + written)} (reads ${perLifecycle(reads)}, writes ${perLifecycle(written)}),` +
    ` savepoint/release ${perLifecycle(savepoints)}, begin/commit ${perLifecycle(commits)}`,
);
console.log(
  `raw replay of the engine's ${writes.length} writes (${perLifecycle(writes.length)} per call), 5,000 per transaction:` +
    ` ${rawSeconds.toFixed(2)} s → ${Math.round(engine.dialled / rawSeconds)} calls/s (CPU ${rawCpuSeconds.toFixed(2)} s)`,
);
console.log(
  `engine / raw time: ${(engine.seconds / rawSeconds).toFixed(2)}× (CPU ${(engine.cpuSeconds / rawCpuSeconds).toFixed(2)}×)`,
);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
