import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { silentLogger } from '../../src/core/logging/logger';
import { startWsHost, type WsHost } from '../../src/server/ws-host';
import { createTempDb } from '../helpers/temp-db';

type Message = {
  type: string;
  id?: number | null;
  response?: { ok: boolean; result?: unknown; error?: { code: string; message: string } };
};

function connect(url: string): Promise<{ ws: WebSocket; next: () => Promise<Message> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const queue: Message[] = [];
    const waiters: ((m: Message) => void)[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Message;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    ws.on('open', () =>
      resolve({
        ws,
        next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiters.push(r))),
      }),
    );
    ws.on('error', reject);
  });
}

describe('the WebSocket host', () => {
  let app: NavaiaApp;
  let host: WsHost;
  let cleanup: () => void;

  beforeEach(async () => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    app = createApp({ db: temp.db, logger: silentLogger, host: 'browser', dataFile: temp.file });
    host = await startWsHost({ app });
  });

  afterEach(async () => {
    await host.close();
    app.context.bus.close();
    cleanup();
  });

  it('binds to 127.0.0.1 and gives a URL carrying the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses a connection without the token', async () => {
    await expect(connect(`ws://127.0.0.1:${host.port}/rpc`)).rejects.toThrow(/401/);
  });

  it('refuses a connection with a wrong token', async () => {
    await expect(connect(`ws://127.0.0.1:${host.port}/rpc?token=${host.token.slice(1)}x`)).rejects.toThrow(
      /401/,
    );
  });

  it('answers a valid call from a page that presents the token', async () => {
    const { ws, next } = await connect(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    expect((await next()).type).toBe('hello');
    ws.send(JSON.stringify({ id: 1, method: 'system.tableCounts', input: {} }));
    const reply = await next();
    expect(reply).toMatchObject({
      type: 'response',
      id: 1,
      response: { ok: true, result: { customers: 0 } },
    });
    ws.close();
  });

  it('answers a payload that fails validation with a clear error and keeps serving', async () => {
    const { ws, next } = await connect(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await next();
    ws.send(JSON.stringify({ id: 7, method: 'customers.list', input: { limit: 'lots' } }));
    const bad = await next();
    expect(bad.response).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.response?.error?.message).toBe('limit: enter a number');

    ws.send('{not json');
    expect((await next()).response).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    ws.send(JSON.stringify({ id: 8, method: 'no.such.method', input: {} }));
    expect((await next()).response).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    ws.send(JSON.stringify({ id: 9, method: 'customers.list', input: {} }));
    expect((await next()).response).toMatchObject({ ok: true, result: { total: 0 } });
    ws.close();
  });

  it('answers the first of two calls sent together before the second one’s work begins', async () => {
    // The editor sends the live count and its sample together: the count's answer must not wait for the
    // sample's query. The second call looks, when its work begins, at what the host has sent so far.
    const sentIds: unknown[] = [];
    const realSend = WebSocket.prototype.send;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (this: WebSocket, ...args: unknown[]) {
      const message = JSON.parse(String(args[0])) as Message;
      if (message.type === 'response') sentIds.push(message.id);
      Reflect.apply(realSend, this, args);
    });
    let sentWhenSecondBegan: unknown[] | undefined;
    const twoCalls = await startWsHost({
      app: {
        ...app,
        dispatch: async (method) => {
          if (method === 'audience.sample') sentWhenSecondBegan = [...sentIds];
          return { ok: true, result: method };
        },
      },
    });
    const { ws, next } = await connect(`ws://127.0.0.1:${twoCalls.port}/rpc?token=${twoCalls.token}`);
    await next();
    ws.send(JSON.stringify({ id: 1, method: 'audience.count', input: {} }));
    ws.send(JSON.stringify({ id: 2, method: 'audience.sample', input: {} }));
    expect([(await next()).id, (await next()).id]).toEqual([1, 2]);
    expect(sentWhenSecondBegan).toEqual([1]);
    ws.close();
    await twoCalls.close();
    vi.restoreAllMocks();
  });
});
