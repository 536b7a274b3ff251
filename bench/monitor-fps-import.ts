/**
 * The renderer while the core works hard: the Monitor page open (a running campaign streaming calls) while
 * a 100,000-customer CSV is imported through the contract (the page's own chunked upload:
 * preview → begin → 1 MiB chunks → finish) and the database is then exported (online backup + integrity
 * check). The core runs in the browser host's Node process, apart from the renderer — as in the desktop
 * app, where it runs in a utility process. Frame rate from requestAnimationFrame, per phase, with the idle
 * page before the load as the baseline in the same run.
 *   npx electron-vite build && npx tsx bench/monitor-fps-import.ts [rows=100000] [port=5392]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { launchChromium, startSeededHost } from './browser-host-bench';

const rows = Number(process.argv[2] ?? 100_000);
const port = Number(process.argv[3] ?? 5392);
const token = 'bench';
const dir = mkdtempSync(join(tmpdir(), 'navaia-fps-import-'));
const db = join(dir, 'navaia.db');

// A CRM-like export; distinct numbers so every row is a new customer.
const csvFile = join(dir, 'customers.csv');
const lines = ['External ID,First Name,Last Name,Mobile,E-mail,City,Consent'];
for (let i = 1; i <= rows; i++)
  lines.push(`CRM-${i},Name${i},Family ${i % 977},+1646${2_000_000 + i},p${i}@example.com,New York,written`);
writeFileSync(csvFile, `${lines.join('\n')}\n`);
const csv = readFileSync(csvFile, 'utf8');

const server = await startSeededHost({ db, customers: 5_000, port, token });

/** One connection for the whole load, as a second page would hold; calls answered in order. */
const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`);
await new Promise((r) => ws.on('open', r));
let nextId = 1;
const waiting = new Map<number, (reply: { ok: boolean; result?: unknown; error?: unknown }) => void>();
ws.on('message', (m) => {
  const msg = JSON.parse(String(m));
  if (msg.type === 'response') waiting.get(msg.id)?.(msg.response);
});
async function call<T>(method: string, input: unknown): Promise<T> {
  const id = nextId++;
  const reply = await new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((resolve) => {
    waiting.set(id, resolve);
    ws.send(JSON.stringify({ id, method, input }));
  });
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

await call('settings.update', { frequencyCapDays: 0 });
const { id: campaignId } = await call<{ id: number }>('campaigns.create', {
  name: 'Live while importing',
  objective: 'neighborhood_interest',
  criteria: { combinator: 'and', rules: [{ field: 'consent', operator: '!=', value: 'none' }] },
  script: { firstMessage: 'Hi {{customer.first_name}}, this is {{company_name}}. Say stop to opt out.' },
  schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
  pacing: { maxConcurrent: 100, maxPerMinute: 600 },
});
await call('campaigns.start', { id: campaignId });

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(`http://127.0.0.1:${port}/?token=${token}#/monitor`);
await page.waitForTimeout(10_000); // the campaign ramps up
// Every frame's time, on the epoch clock so the phases below can be cut out of it.
await page.evaluate(`(() => {
  window.__frames = [];
  const tick = () => { window.__frames.push(performance.timeOrigin + performance.now()); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`);

const phases: { name: string; from: number; to: number }[] = [];
async function phase(name: string, work: () => Promise<unknown>) {
  const from = Date.now();
  await work();
  phases.push({ name, from, to: Date.now() });
}
await phase('idle page (baseline)', () => new Promise((r) => setTimeout(r, 10_000)));
let importResult: { imported?: number; inserted?: number } = {};
await phase(`import ${rows.toLocaleString('en-US')} customers`, async () => {
  const preview = await call<{ guessedMapping: unknown }>('customers.import.preview', {
    sampleText: csv.slice(0, 64 * 1024),
  });
  const { importId } = await call<{ importId: string }>('customers.import.begin', {
    fileName: 'customers.csv',
    mapping: preview.guessedMapping,
  });
  const piece = 1024 * 1024;
  for (let offset = 0; offset < csv.length; offset += piece)
    await call('customers.import.chunk', { importId, text: csv.slice(offset, offset + piece) });
  importResult = await call('customers.import.finish', { importId });
});
let exported: { bytes?: number } = {};
await phase('export database (backup + integrity check)', async () => {
  exported = await call('database.export', {});
});
await phase('idle page (after)', () => new Promise((r) => setTimeout(r, 5_000)));

const frames = (await page.evaluate('window.__frames')) as number[];
console.log(
  `import: ${JSON.stringify(importResult)}; export: ${((exported.bytes ?? 0) / 1_048_576).toFixed(1)} MB`,
);
for (const { name, from, to } of phases) {
  const inPhase = frames.filter((t) => t >= from && t < to);
  // The worst whole second inside the phase.
  let worst = Number.POSITIVE_INFINITY;
  for (let s = from; s + 1000 <= to; s += 250)
    worst = Math.min(worst, inPhase.filter((t) => t >= s && t < s + 1000).length);
  let longest = 0;
  for (let i = 1; i < inPhase.length; i++) longest = Math.max(longest, inPhase[i] - inPhase[i - 1]);
  console.log(
    `${name}: ${((to - from) / 1000).toFixed(1)} s, ${(inPhase.length / ((to - from) / 1000)).toFixed(1)} fps, ` +
      `worst 1 s window ${Number.isFinite(worst) ? worst : '—'} fps, longest frame ${longest.toFixed(0)} ms`,
  );
}
await browser.close();
ws.close();
server.kill();
