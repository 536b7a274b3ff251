/**
 * Engine overhead: full call lifecycles persisted per second with a zero-latency simulator, and the
 * same rows written as raw batched inserts for comparison.
 *   npx tsx bench/engine-throughput.ts [customers=100000]
 */
import { runVirtualUntil } from '../src/core/clock/virtual-clock';
import { benchApp, benchStart, insertBenchCustomers, status } from './engine-harness';

const customers = Number(process.argv[2] ?? 100_000);
const { app, db, clock, campaign } = benchApp({ timeScale: 0, transcripts: false });
insertBenchCustomers(db, customers);
const id = campaign({ pacing: { maxConcurrent: 500, maxPerMinute: 1000 } });
await app.start();

const started = performance.now();
const cpuStarted = process.cpuUsage();
app.engine.startCampaign(id);
while (!['completed', 'cancelled'].includes(status(db, id))) {
  await runVirtualUntil(clock, (clock.nextTimerAt() ?? clock.now()) + 60_000);
}
const seconds = (performance.now() - started) / 1000;
// CPU time too: on a shared machine, wall time also counts the other processes' turns.
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const attempts = db.$client.prepare('select count(*) from call_attempts').pluck().get() as number;
const events = db.$client.prepare('select count(*) from call_events').pluck().get() as number;
const minTransitions = db.$client
  .prepare(
    "select min(n) from (select count(*) as n from call_events where type = 'state' group by attempt_id)",
  )
  .pluck()
  .get() as number;
await app.close();

// The same rows, written as fast as SQLite takes them: one transaction, prepared statements.
const raw = benchApp({ timeScale: 0 });
insertBenchCustomers(raw.db, customers);
const rawCampaign = raw.campaign({});
const insertAttempt =
  raw.db.$client.prepare(`insert into call_attempts (campaign_id, customer_id, attempt_number, idempotency_key,
    state, provider, to_number, queued_at, dialed_at, answered_at, ended_at, updated_at)
  values (?, ?, 1, ?, 'completed', 'simulator', '+12120000000', ?, ?, ?, ?, ?)`);
const insertEvent = raw.db.$client.prepare(
  "insert into call_events (attempt_id, at, type, from_state, to_state) values (?, ?, 'state', ?, ?)",
);
const rawStarted = performance.now();
const rawCpuStarted = process.cpuUsage();
raw.db.$client.transaction(() => {
  for (let c = 1; c <= customers; c++) {
    const attemptId = Number(
      insertAttempt.run(
        rawCampaign,
        c,
        `${rawCampaign}:${c}:1`,
        benchStart,
        benchStart,
        benchStart,
        benchStart,
        benchStart,
      ).lastInsertRowid,
    );
    for (let e = 0; e < events / attempts; e++) insertEvent.run(attemptId, benchStart, 'a', 'b');
  }
})();
const rawSeconds = (performance.now() - rawStarted) / 1000;
const rawCpu = process.cpuUsage(rawCpuStarted);
const rawCpuSeconds = (rawCpu.user + rawCpu.system) / 1e6;

console.log(
  `customers: ${customers}, attempts: ${attempts}, events: ${events}, min transitions per attempt: ${minTransitions}`,
);
console.log(
  `engine: ${seconds.toFixed(2)} s → ${Math.round(attempts / seconds)} lifecycles/s` +
    ` (CPU ${cpuSeconds.toFixed(2)} s → ${Math.round(attempts / cpuSeconds)}/s)`,
);
console.log(
  `raw batched inserts of the same rows: ${rawSeconds.toFixed(2)} s → ${Math.round(attempts / rawSeconds)} rows/s` +
    ` (CPU ${rawCpuSeconds.toFixed(2)} s)`,
);
console.log(
  `engine / raw time: ${(seconds / rawSeconds).toFixed(1)}× (CPU ${(cpuSeconds / rawCpuSeconds).toFixed(1)}×)`,
);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
