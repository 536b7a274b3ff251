import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { NavaiaApp } from '../core/app';
import { openContractConnection } from '../core/rpc/client-connection';
import { parseClientMessage } from '../shared/hosts/messages';
import { serveStatic } from './static-files';

export interface WsHostOptions {
  app: NavaiaApp;
  /** The built renderer (out/renderer); without it only the WebSocket is served. */
  staticDir?: string;
  port?: number;
  /** The port is a wish (the last start's): when something else holds it, any free port will do. */
  portIsPreference?: boolean;
  /** Fixed token for tests; a random one is made per start otherwise. */
  token?: string;
  /** Answers the requests it knows before the static files do (the vendors' webhooks); true if it did. */
  handleHttp?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface WsHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest message a page may send; CSV imports travel as text, so this is generous. */
const maxPayloadBytes = 64 * 1024 * 1024;

/**
 * The contract over a WebSocket on 127.0.0.1, for the browser host and headless use. Only loopback is
 * bound, and every connection must present the per-start token the URL carries, so other local users
 * and web pages cannot drive the app.
 */
export async function startWsHost(options: WsHostOptions): Promise<WsHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { app } = options;
  let port = 0;
  const http: Server = createServer((req, res) => {
    // Vendors' webhooks arrive through a tunnel under its public name, signed: they answer for themselves.
    if (options.handleHttp?.(req, res)) return;
    // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) names that site here.
    if (!isOwnAddress(req, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('This address is not Navaia’s.');
      return;
    }
    if (!options.staticDir) return void res.writeHead(404).end();
    try {
      serveStatic(options.staticDir, req, res);
    } catch (err) {
      // A file that cannot be read is this request's problem, never the host's.
      app.context.logger.error({ err, url: req.url }, 'could not serve a file');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxPayloadBytes });

  http.on('upgrade', (req, socket, head) => {
    if (!isOwnAddress(req, port) || !isAuthorised(req, token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const connection = openContractConnection(app, randomUUID(), (message) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    });
    ws.on('message', (raw: RawData) => connection.receive(parseClientMessage(raw.toString())));
    ws.on('close', connection.close);
    ws.on('error', connection.close);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (err) {
    if (!options.portIsPreference || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await listen(0);
  }
  port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * Whether a request was addressed to this host (Host) and, when a browser sent it, by one of this host's
 * own pages (Origin): 127.0.0.1 or localhost on our port. Clients that are not browsers send no Origin.
 */
export function isOwnAddress(req: IncomingMessage, port: number): boolean {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!own.includes((req.headers.host ?? '').toLowerCase())) return false;
  const origin = req.headers.origin;
  return origin === undefined || own.some((host) => origin.toLowerCase() === `http://${host}`);
}

function isAuthorised(req: IncomingMessage, token: string): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/rpc') return false;
  const presented = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
