import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { createSystemClock } from '../../src/core/clock/clock';
import { openDatabase } from '../../src/core/db/open';
import { silentLogger } from '../../src/core/logging/logger';
import type { InboundWebhook, VoiceAgentProvider } from '../../src/core/providers/provider';
import { createSimulator } from '../../src/core/providers/simulator/simulator-provider';
import { createReplayGuard } from '../../src/core/webhooks/replay-guard';
import { createWebhookListenerManager } from '../../src/core/webhooks/webhook-listener';
import { startWsHost, type WsHost } from '../../src/server/ws-host';
import { createTempDb } from '../helpers/temp-db';

const publicUrl = 'https://navaia-tunnel.example';

/** A real provider stand-in that records what reached it and answers like the real one would. */
function recordingProvider(db: NavaiaApp['context']['db']) {
  const received: InboundWebhook[] = [];
  const provider: VoiceAgentProvider = {
    ...createSimulator({ db, clock: createSystemClock() }),
    name: 'elevenlabs-twilio',
    async receiveWebhook(hook, firstDelivery) {
      received.push(hook);
      const fresh = firstDelivery(`test:${hook.rawBody}`, Date.now() + 60_000);
      return fresh
        ? { status: 200, contentType: 'text/xml', body: '<Response/>' }
        : { status: 403, contentType: 'application/json', body: '{"ok":false}' };
    },
  };
  return { provider, received };
}

describe('the webhook receiver on the browser host', () => {
  let app: NavaiaApp | undefined;
  let host: WsHost | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    await host?.close();
    await app?.close();
    cleanup?.();
    app = host = cleanup = undefined;
  });

  const start = async (withProvider: boolean) => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    const recorder = recordingProvider(temp.db);
    app = createApp({
      db: temp.db,
      logger: silentLogger,
      host: 'browser',
      dataFile: temp.file,
      ...(withProvider ? { providers: [recorder.provider], webhookPublicUrl: publicUrl } : {}),
    });
    host = await startWsHost({ app, handleHttp: app.webhooks });
    return { url: `http://127.0.0.1:${host.port}`, received: recorder.received, file: temp.file };
  };

  it('takes vendor POSTs under /webhooks/ without the session token, and nothing else', async () => {
    const { url, received } = await start(true);
    const body = 'CallSid=CA1&AnsweredBy=machine_end_beep';
    const reply = await fetch(`${url}/webhooks/twilio/amd?attempt=3&exp=99`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'sig' },
      body,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/xml');
    // The provider checks the signature over the URL Twilio called: the public URL, path and query.
    expect(received).toEqual([
      expect.objectContaining({
        route: { kind: 'twilio-amd' },
        url: `${publicUrl}/webhooks/twilio/amd?attempt=3&exp=99`,
        rawBody: body,
        headers: expect.objectContaining({ 'x-twilio-signature': 'sig' }),
      }),
    ]);
    expect((await fetch(`${url}/webhooks/twilio/amd`)).status).toBe(405);
    // What Test connection asks to see that the public URL reaches this app.
    const health = await fetch(`${url}/webhooks/health`);
    expect([health.status, await health.text()]).toEqual([200, 'navaia-webhooks']);
    expect((await fetch(`${url}/webhooks/nowhere`, { method: 'POST' })).status).toBe(404);
    const huge = await fetch(`${url}/webhooks/elevenlabs/events`, {
      method: 'POST',
      body: 'x'.repeat(600_000),
    }).catch(() => undefined);
    expect(huge === undefined || huge.status === 413).toBe(true);
    expect(received).toHaveLength(1);
  });

  it('says there is no public URL set rather than guessing one', async () => {
    const { url } = await start(false);
    const reply = await fetch(`${url}/webhooks/elevenlabs/tools/request_human`, {
      method: 'POST',
      body: '{}',
    });
    expect(reply.status).toBe(503);
    expect(await reply.text()).toContain('no public URL for webhooks');
  });

  it('refuses a replayed delivery, even after a restart (the keys are in the database)', async () => {
    const { url, file } = await start(true);
    const send = () => fetch(`${url}/webhooks/twilio/status?exp=1`, { method: 'POST', body: 'same' });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(403);
    const db = openDatabase(file);
    const guard = createReplayGuard(db, createSystemClock());
    expect(guard('test:same', Date.now() + 60_000)).toBe(false);
    expect(guard('test:other', Date.now() + 60_000)).toBe(true);
    db.$client.close();
  });
});

describe('the desktop’s webhook listener', () => {
  it('listens on the chosen port while a public URL is set, and stops when it is not', async () => {
    const manager = createWebhookListenerManager((_req, res) => {
      res.writeHead(204).end();
      return true;
    }, silentLogger);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    await manager.apply(port);
    expect((await fetch(`http://127.0.0.1:${port}/webhooks/twilio/status`, { method: 'POST' })).status).toBe(
      204,
    );
    await manager.apply(undefined);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await manager.close();
  });
});
