import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { VirtualClock } from '../../src/core/clock/virtual-clock';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { silentLogger } from '../../src/core/logging/logger';
import { SeededRandom } from '../../src/core/random/seeded-random';
import { startWsHost, type WsHost } from '../../src/server/ws-host';
import { methods } from '../../src/shared/contract';
import { createTempDb } from '../helpers/temp-db';

const random = new SeededRandom(20261124);
const words = [
  '',
  'id',
  'criteria',
  'name',
  'limit',
  'offset',
  '__proto__',
  'constructor',
  'attemptId',
  'script',
  "'; drop table customers; --",
];

/** A random JSON value, biased towards the shapes the contract uses (objects with plausible keys). */
function randomValue(depth = 0): unknown {
  switch (random.int(0, depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1, 2 ** 53, -(2 ** 31), 3.14, 1e308]);
    case 2:
      return random.pick(words) + 'x'.repeat(random.int(0, 3) * 50);
    case 3:
      return random.chance(0.5);
    case 4:
      return random.pick(['NaN', '∞', '\u0000', '😀', '{{customer.first_name}}']);
    case 5:
      return [];
    case 6:
      return Array.from({ length: random.int(0, 4) }, () => randomValue(depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 5) }, () => [random.pick(words), randomValue(depth + 1)]),
      );
  }
}

describe('every contract method under random and malformed payloads', () => {
  let app: NavaiaApp;
  let host: WsHost;
  let cleanup: () => void;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    seedDemoData(temp.db, { customers: 200, now: Date.UTC(2026, 10, 24, 15) });
    app = createApp({
      db: temp.db,
      logger: silentLogger,
      host: 'browser',
      dataFile: temp.file,
      clock: new VirtualClock(Date.UTC(2026, 10, 24, 15)),
    });
    await app.start();
    host = await startWsHost({ app });
    process.on('unhandledRejection', onRejection);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await host.close();
    await app.close();
    cleanup();
  });

  it('answers each with a well-formed result or error, and keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    const replies = new Map<
      number,
      { ok: boolean; result?: unknown; error?: { code: string; message: string } }
    >();
    const waiting = new Map<number, () => void>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type !== 'response' || message.id === null) return;
      replies.set(message.id, message.response);
      waiting.get(message.id)?.();
    });
    await new Promise((resolve) => ws.on('open', resolve));

    let id = 0;
    const send = (payload: string) =>
      new Promise<void>((resolve) => {
        const current = ++id;
        waiting.set(current, resolve);
        ws.send(payload.replace('"id":0', `"id":${current}`));
      });
    const names = Object.keys(methods);
    for (const method of names) {
      for (let i = 0; i < 60; i++) await send(JSON.stringify({ id: 0, method, input: randomValue() }));
    }
    // Malformed frames: not JSON, wrong envelope, unknown methods. They have no usable id, so we count them.
    for (const frame of [
      '',
      '{',
      '[]',
      'null',
      '{"id":"x"}',
      JSON.stringify({ id: -1, method: 42 }),
      'x'.repeat(10_000),
    ])
      ws.send(frame);
    for (let i = 0; i < 50; i++) await send(JSON.stringify({ id: 0, method: `nope.${i}`, input: {} }));

    // The frame with id -1 is answered too (as invalid); the rest of the malformed ones have no id.
    expect(replies.get(-1)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect([...replies.keys()].filter((k) => k > 0).length).toBe(names.length * 60 + 50);
    for (const [, reply] of replies) {
      if (reply.ok) expect(reply).toHaveProperty('result');
      else {
        expect(typeof reply.error?.code).toBe('string');
        expect(typeof reply.error?.message).toBe('string');
        expect(reply.error?.code).not.toBe('internal');
      }
    }
    // Still serving after all that.
    await send(JSON.stringify({ id: 0, method: 'system.tableCounts', input: {} }));
    // (customers.removeDemo, called with an empty object, may have removed the demo customers.)
    expect(replies.get(id)).toMatchObject({ ok: true, result: { customers: expect.any(Number) } });
    expect(rejections).toEqual([]);
    ws.close();
  }, 60_000);

  it('answers deeply nested and very wide criteria with a clear refusal, never an internal error', async () => {
    const nested = (depth: number) => {
      let group: unknown = { combinator: 'and', rules: [{ field: 'city', operator: '=', value: 'Miami' }] };
      for (let i = 0; i < depth; i++)
        group = { combinator: i % 2 ? 'and' : 'or', not: i % 3 === 0, rules: [group] };
      return group;
    };
    const values = (n: number) => Array.from({ length: n }, (_, i) => `value-${i}`);
    const wide = (operator: string, field: string, n: number, rules = 1) => ({
      combinator: 'and',
      rules: Array.from({ length: rules }, () => ({ field, operator, value: values(n) })),
    });
    const criteria = [
      nested(19),
      nested(900),
      nested(100_000),
      wide('in', 'city', 1_000),
      wide('in', 'city', 1_001),
      wide('includesAll', 'interests', 1_000),
      wide('includesAny', 'interests', 1_000),
      wide('in', 'city', 1_000, 40),
      { combinator: 'and', rules: [{ field: 'city', operator: 'in', value: values(5_000).join(',') }] },
      {
        combinator: 'or',
        rules: Array.from({ length: 501 }, () => ({ field: 'city', operator: '=', value: 'x' })),
      },
    ];
    const replies: { ok: boolean; error?: { code: string; message: string } }[] = [];
    for (const c of criteria) {
      for (const [method, input] of [
        ['audience.count', { criteria: c }],
        ['audience.sample', { criteria: c }],
        [
          'campaigns.create',
          { name: 'Wide', objective: 'custom', script: { firstMessage: 'Hi' }, criteria: c },
        ],
      ] as const) {
        replies.push(await app.dispatch(method, input, { clientId: 'fuzz' }));
      }
    }
    // Within the limits: answered. Past them: refused, saying which limit.
    expect(replies.slice(0, 3).every((r) => r.ok)).toBe(true);
    for (const reply of replies.slice(3, 9)) expect(reply.error?.message).toMatch(/too large|20 levels/);
    expect(replies[13].error?.message).toMatch(/1,000 values/);
    expect(replies[25].error?.message).toMatch(/1,000 values/);
    expect(replies[27].error?.message).toMatch(/500 rules/);
    for (const reply of replies) expect(reply.error?.code ?? 'ok').not.toBe('internal');
    // The same payloads through the WebSocket: the host answers and keeps serving.
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    const answers: unknown[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'response') answers.push(message.response);
    });
    await new Promise((resolve) => ws.on('open', resolve));
    // Written as text: JSON.stringify itself cannot go that deep.
    const deep = `${'{"combinator":"and","rules":['.repeat(100_000)}{"field":"city","operator":"=","value":"x"}${']}'.repeat(100_000)}`;
    ws.send(`{"id":1,"method":"audience.count","input":{"criteria":${deep}}}`);
    ws.send(JSON.stringify({ id: 2, method: 'system.tableCounts', input: {} }));
    await expect.poll(() => answers.length).toBe(2);
    expect(answers[0]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answers[1]).toMatchObject({ ok: true });
    expect(rejections).toEqual([]);
    ws.close();
  }, 60_000);

  it('answers malformed and hostile addresses without going down', async () => {
    const statuses: number[] = [];
    for (const path of [
      '/%',
      '/%%',
      '/%zz',
      '/a%',
      '/..%2f..%2fetc/passwd',
      '/%00',
      '/rpc?token=%',
      '/%E0%A4%A',
    ]) {
      statuses.push(
        await new Promise<number>((resolve, reject) =>
          request({ host: '127.0.0.1', port: host.port, path }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
            .on('error', reject)
            .end(),
        ),
      );
    }
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    expect((await app.dispatch('system.tableCounts', {}, { clientId: 'fuzz' })).ok).toBe(true);
    expect(rejections).toEqual([]);
  });
});
