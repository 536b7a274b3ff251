/**
 * The campaign editor's live count, end to end over the browser host: `navaia serve` in its own
 * process, this process a WebSocket client that sends what the editor sends — `audience.count` and
 * `audience.sample` together — and times each answer from the moment both left. Beside it, the same
 * count sent alone and a method that does no work (`system.info`), for the cost of the round trip.
 *   node bin/navaia.js seed --customers 1000000 --db /tmp/m1.db
 *   node --import tsx bench/audience-live-count.ts /tmp/m1.db [--runs 21]
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { openDatabase } from '../src/core/db/open';
import { audienceCases, ensureBenchDncList } from './audience-cases';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 21;
const file = args[0];
if (!file || !Number.isInteger(runs) || runs < 5) {
  console.error('usage: node --import tsx bench/audience-live-count.ts DB_FILE [--runs N ≥ 5]');
  process.exit(2);
}
const setup = openDatabase(file);
ensureBenchDncList(setup);
const customers = setup.$client.prepare('select count(*) from customers').pluck().get() as number;
setup.$client.close();

const token = 'bench-live-count';
const server = spawn(
  process.execPath,
  [
    join(import.meta.dirname, '../bin/navaia.js'),
    'serve',
    '--db',
    file,
    '--json',
    '--no-demo-data',
    '--token',
    token,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const { port } = await new Promise<{ port: number }>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const end = out.indexOf('}');
    if (end >= 0) resolve(JSON.parse(out.slice(out.indexOf('{'), end + 1)));
  });
  server.on('exit', (code) => reject(new Error(`navaia serve exited (${code})`)));
});

const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`);
await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
const pending = new Map<number, (response: { ok: boolean; error?: unknown }) => void>();
ws.on('message', (raw) => {
  const message = JSON.parse(raw.toString());
  if (message.type === 'response') pending.get(message.id)?.(message.response);
});
let nextId = 1;
/** Sends a call; resolves with the milliseconds from `start` until its answer arrived. */
const call = (method: string, input: unknown, start: number) =>
  new Promise<number>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, (response) => {
      pending.delete(id);
      if (!response.ok) reject(new Error(`${method}: ${JSON.stringify(response.error)}`));
      else resolve(performance.now() - start);
    });
    ws.send(JSON.stringify({ id, method, input }));
  });

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const p90 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)];
const ms = (times: number[]) => `${median(times).toFixed(1)} ms (${p90(times).toFixed(1)})`;

const noop: number[] = [];
for (let i = 0; i < runs + 2; i++) {
  const t = await call('system.info', {}, performance.now());
  if (i >= 2) noop.push(t);
}
console.log(
  `${file}: ${customers.toLocaleString('en-US')} customers; browser host on port ${port}; ${runs} runs each`,
);
console.log(`round trip of a method that does no work (system.info): ${ms(noop)}\n`);
console.log('| audience | count alone, median (p90) | count sent with sample: count | … sample |');
console.log('| --- | --- | --- | --- |');
for (const c of audienceCases) {
  const alone: number[] = [];
  const together: number[] = [];
  const sample: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const a = await call('audience.count', { criteria: c.criteria }, performance.now());
    const start = performance.now();
    const [t, s] = await Promise.all([
      call('audience.count', { criteria: c.criteria }, start),
      call('audience.sample', { criteria: c.criteria, limit: 20 }, start),
    ]);
    if (i === 0) continue; // warm-up
    alone.push(a);
    together.push(t);
    sample.push(s);
  }
  console.log(`| ${c.name} | ${ms(alone)} | ${ms(together)} | ${ms(sample)} |`);
}
ws.close();
server.kill('SIGTERM');
