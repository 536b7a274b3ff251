import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type NavaiaApp } from '@core/app';
import { silentLogger } from '@core/logging/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWsHost, type WsHost } from '../../../src/server/ws-host';
import { createTempDb } from '../../helpers/temp-db';

/** A raw GET: the path goes out exactly as written, with the headers given. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the RPC socket with these headers; resolves to the HTTP status of a refusal, or 101. */
function upgrade(port: number, token: string, headers: Record<string, string>) {
  return new Promise<number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('the browser host under hostile requests', () => {
  let app: NavaiaApp;
  let host: WsHost;
  let dir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-static-'));
    mkdirSync(join(dir, 'renderer'));
    mkdirSync(join(dir, 'renderer-secret'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<p>the app</p>');
    writeFileSync(join(dir, 'renderer-secret', 'x'), 'SECRET');
    const temp = createTempDb();
    cleanup = temp.cleanup;
    app = createApp({ db: temp.db, logger: silentLogger, host: 'browser', dataFile: temp.file });
    host = await startWsHost({ app, staticDir: join(dir, 'renderer') });
  });

  afterAll(async () => {
    await host.close();
    app.context.bus.close();
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a malformed percent-escape with 400 and keeps serving', async () => {
    for (const path of ['/%', '/%zz', '/a%', '/%E0%A4%A']) {
      expect((await get(host.port, path)).status, path).toBe(400);
    }
    expect(await get(host.port, '/')).toEqual({ status: 200, body: '<p>the app</p>' });
  });

  it('never serves a file outside the build folder, even one whose folder starts with the same name', async () => {
    for (const path of [
      '/..%2frenderer-secret/x',
      '/%2e%2e/renderer-secret/x',
      '/..%5crenderer-secret%5cx',
    ]) {
      const reply = await get(host.port, path);
      expect(reply.body, path).not.toContain('SECRET');
    }
    expect((await get(host.port, '/..%2frenderer-secret/x')).status).toBe(403);
  });

  it('refuses pages whose Host is another site (DNS rebinding), for files and for the socket', async () => {
    expect((await get(host.port, '/', { host: `evil.example:${host.port}` })).status).toBe(421);
    expect(await upgrade(host.port, host.token, { host: `evil.example:${host.port}` })).not.toBe(101);
  });

  it('refuses a socket opened by a page of another origin, even with the token', async () => {
    expect(await upgrade(host.port, host.token, { origin: 'http://evil.example' })).toBe(401);
    expect(await upgrade(host.port, host.token, { origin: `http://127.0.0.1:${host.port + 1}` })).toBe(401);
    expect(await upgrade(host.port, host.token, { origin: `http://127.0.0.1:${host.port}` })).toBe(101);
    expect(await upgrade(host.port, host.token, { origin: `http://localhost:${host.port}` })).toBe(101);
  });
});
