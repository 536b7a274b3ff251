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
    expect(replies.get(id)).toMatchObject({ ok: true, result: { customers: 200 } });
    expect(rejections).toEqual([]);
    ws.close();
  }, 60_000);
});
