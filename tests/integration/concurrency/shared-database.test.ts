import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCampaign } from '@core/campaigns/campaign-store';
import { openDatabase } from '@core/db/open';
import { isFinalState } from '@shared/calls/attempt-states';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { cliSandbox, navaiaBin } from '../../helpers/cli-sandbox';
import { insertCustomers, manyCustomers } from '../../helpers/engine-harness';

const { dir } = cliSandbox('shared-db');
const file = join(dir, 'navaia.db');

/** A `navaia` process; resolves its exit code and output when it ends. */
function navaia(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [navaiaBin, ...args, '--db', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    out.stdout += d;
  });
  child.stderr.on('data', (d) => {
    out.stderr += d;
  });
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, out, done };
}

/** The contract over the host's WebSocket, one call at a time. */
async function rpcClient(port: number, token: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`);
  const waiting = new Map<number, (r: { ok: boolean; result?: unknown; error?: unknown }) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.type === 'response') waiting.get(m.id)?.(m.response);
  });
  await new Promise((resolve) => ws.on('open', resolve));
  let id = 0;
  return {
    call: (method: string, input: unknown) =>
      new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((resolve) => {
        waiting.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      }),
    close: () => ws.close(),
  };
}

const dialled = () => {
  const db = openDatabase(file);
  try {
    return db.$client
      .prepare('select count(*) from call_attempts where dialed_at is not null')
      .pluck()
      .get() as number;
  } finally {
    db.$client.close();
  }
};

describe('several processes on one database', () => {
  it('host + CLI import + pause from the CLI + a second runner: no crash, pause honoured within 1 s, no double dial, every attempt final', async () => {
    const start = Date.UTC(2026, 10, 24, 15, 0); // 10:00 in New York
    {
      const db = openDatabase(file);
      insertCustomers(db, manyCustomers(400, { tags: ['open-house'] }), start);
      createCampaign(
        db,
        {
          name: 'Shared',
          objective: 'booking_reminder',
          criteria: {
            combinator: 'and',
            rules: [{ field: 'interests', operator: 'includesAny', value: ['open-house'] }],
          },
          script: { firstMessage: 'Hi, Navaia Realty here. Say stop to opt out.' },
          schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
          pacing: { maxConcurrent: 20, maxPerMinute: 900 },
          retryPolicy: { retryOn: [], delayMinutes: 1, maxAttempts: 1 },
        },
        start,
      );
      db.$client.close();
    }
    const rows = ['first_name,phone,consent'];
    for (let i = 0; i < 30_000; i++) rows.push(`Imported ${i},+1312${String(3_000_000 + i)},written`);
    writeFileSync(join(dir, 'more.csv'), rows.join('\n'));

    const processes: ChildProcess[] = [];
    const host = navaia(
      ['serve', '--json', '--port', '0', '--no-demo-data', '--token', 'test-token-0123456789abcdef'],
      {
        NAVAIA_CLOCK_START: new Date(start).toISOString(),
        NAVAIA_SIMULATOR_TIME_SCALE: '0.02',
      },
    );
    processes.push(host.child);
    try {
      await expect.poll(() => host.out.stdout, { timeout: 30_000 }).toMatch(/"port"/);
      const { port } = JSON.parse(host.out.stdout) as { port: number };
      const rpc = await rpcClient(port, 'test-token-0123456789abcdef');
      expect(await rpc.call('campaigns.start', { id: 1 })).toMatchObject({ ok: true });

      // The CLI imports 30,000 customers into the same file while the host dials.
      const importing = navaia(['import', 'customers', join(dir, 'more.csv')]);
      processes.push(importing.child);
      await expect.poll(dialled, { timeout: 30_000 }).toBeGreaterThan(40);

      // Paused by another process: the host stops dialling within a second.
      const pause = navaia(['campaign', 'pause', '1']);
      expect((await pause.done).code, pause.out.stderr).toBe(0);
      const pausedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() - pausedAt)));
      const afterOneSecond = dialled();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(dialled()).toBe(afterOneSecond);
      expect(afterOneSecond).toBeLessThan(400);

      // A second runner of the same campaign is refused with a reason, and changes nothing.
      const resume = navaia(['campaign', 'resume', '1']);
      expect((await resume.done).code, resume.out.stderr).toBe(0);
      const second = navaia(['campaign', 'run', '1', '--simulate']);
      const secondExit = await second.done;
      expect(secondExit.code).toBe(1);
      expect(second.out.stderr).toMatch(/being run by another Navaia process/);

      const imported = await importing.done;
      expect(imported.code, importing.out.stderr).toBe(0);
      expect(importing.out.stdout).toMatch(/30000 imported/);

      await expect
        .poll(
          async () => ((await rpc.call('campaigns.get', { id: 1 })).result as { status: string }).status,
          {
            timeout: 60_000,
            interval: 500,
          },
        )
        .toBe('completed');
      rpc.close();
      host.child.kill('SIGTERM');
      expect((await host.done).code, host.out.stderr).toBe(0);

      const db = openDatabase(file);
      const attempts = db.$client
        .prepare(
          'select customer_id as c, attempt_number as n, state, idempotency_key as k from call_attempts',
        )
        .all() as { c: number; n: number; state: string; k: string }[];
      const calls = db.$client
        .prepare('select idempotency_key from simulator_calls')
        .pluck()
        .all() as string[];
      db.$client.close();
      expect(new Set(attempts.map((a) => `${a.c}:${a.n}`)).size).toBe(attempts.length);
      expect(new Set(calls).size).toBe(calls.length);
      expect(attempts.filter((a) => !isFinalState(a.state as never))).toEqual([]);
      expect(new Set(attempts.map((a) => a.c)).size).toBe(400);
      expect(host.out.stderr).not.toMatch(/SQLITE_BUSY|Uncaught|unhandled/i);
    } finally {
      for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);
});
