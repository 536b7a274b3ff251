/**
 * The live monitor under load: two campaigns of 500 concurrent simulated calls each (the per-campaign
 * limit), every call streaming transcript lines. Measures the page's frame rate with
 * requestAnimationFrame and samples the renderer's JS heap, in Debian's Chromium.
 *   npx electron-vite build && npx tsx bench/monitor-fps.ts [minutes=10]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { launchChromium, startSeededHost } from './browser-host-bench';

const minutes = Number(process.argv[2] ?? 10);
const port = 5390;
const token = 'bench';
const db = join(mkdtempSync(join(tmpdir(), 'navaia-fps-')), 'navaia.db');
// Enough customers that two campaigns keep 1,000 calls going for the whole run.
const server = await startSeededHost({ db, customers: 60_000, port, token });

/** Calls the contract the way the page does. */
async function call(method: string, input: unknown): Promise<{ id?: number }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`);
  await new Promise((r) => ws.on('open', r));
  ws.send(JSON.stringify({ id: 1, method, input }));
  const reply = await new Promise<{ response: { ok: boolean; result: { id?: number }; error?: unknown } }>(
    (resolve) =>
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m));
        if (msg.type === 'response') resolve(msg);
      }),
  );
  ws.close();
  if (!reply.response.ok) throw new Error(JSON.stringify(reply.response.error));
  return reply.response.result;
}

await call('settings.update', { frequencyCapDays: 0 });
for (const name of ['Load A', 'Load B']) {
  const { id } = await call('campaigns.create', {
    name,
    objective: 'neighborhood_interest',
    criteria: { combinator: 'and', rules: [{ field: 'consent', operator: '!=', value: 'none' }] },
    script: { firstMessage: 'Hi {{customer.first_name}}, this is {{company_name}}. Say stop to opt out.' },
    schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
    pacing: { maxConcurrent: 500, maxPerMinute: 1000 },
  });
  await call('campaigns.start', { id });
}

const browser = await launchChromium(['--enable-precise-memory-info']);
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(`http://127.0.0.1:${port}/?token=${token}#/monitor`);
await page.waitForTimeout(60_000); // ramp up to full concurrency

const live = async () => Number((await page.getByTestId('live-count').textContent())?.replace(/\D/g, ''));
console.log(`live calls after ramp-up: ${await live()}`);
const windows: { fps: number; p95: number; heapMb: number; live: number }[] = [];
for (let i = 0; i < minutes * 2; i++) {
  // A script string, not a function: tsx would wrap a function with helpers the page does not have.
  const sample = (await page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    let last = performance.now();
    const start = last;
    const tick = (t) => {
      deltas.push(t - last);
      last = t;
      if (t - start < 30000) requestAnimationFrame(tick);
      else {
        deltas.sort((a, b) => a - b);
        resolve({ frames: deltas.length, p95: deltas[Math.floor(deltas.length * 0.95)], heap: performance.memory ? performance.memory.usedJSHeapSize : 0 });
      }
    };
    requestAnimationFrame(tick);
  })`)) as { frames: number; p95: number; heap: number };
  const row = {
    fps: sample.frames / 30,
    p95: sample.p95,
    heapMb: sample.heap / 1024 / 1024,
    live: await live(),
  };
  windows.push(row);
  console.log(
    `${((i + 1) * 0.5).toFixed(1)} min: ${row.fps.toFixed(1)} fps, p95 frame ${row.p95.toFixed(1)} ms, JS heap ${row.heapMb.toFixed(1)} MB, ${row.live} live calls`,
  );
}
const fps = windows.map((w) => w.fps);
console.log(
  `fps min ${Math.min(...fps).toFixed(1)}, median ${fps.sort((a, b) => a - b)[Math.floor(fps.length / 2)].toFixed(1)}`,
);
console.log(
  `JS heap first ${windows[0].heapMb.toFixed(1)} MB, last ${windows.at(-1)!.heapMb.toFixed(1)} MB, max ${Math.max(...windows.map((w) => w.heapMb)).toFixed(1)} MB`,
);
await browser.close();
server.kill();
