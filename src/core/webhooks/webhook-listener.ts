import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger';
import type { WebhookHttpHandler } from './webhook-receiver';

export interface WebhookListener {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own for the webhook receiver, on 127.0.0.1 (a tunnel forwards the public URL to it):
 * for hosts with no HTTP server of theirs, like the desktop app.
 */
export async function startWebhookListener(options: {
  handler: WebhookHttpHandler;
  port?: number;
  host?: string;
}): Promise<WebhookListener> {
  const server: Server = createServer((req, res) => {
    if (!options.handler(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Keeps the desktop's listener on the port the settings name while a public URL is set, and none
 * otherwise; a port already taken is logged, not fatal (the app works by polling meanwhile).
 */
export function createWebhookListenerManager(handler: WebhookHttpHandler, logger: Logger) {
  let listener: WebhookListener | undefined;
  let queue = Promise.resolve();
  const apply = (port: number | undefined) => {
    queue = queue.then(async () => {
      if (listener && listener.port === port) return;
      await listener?.close();
      listener = undefined;
      if (port === undefined) return;
      try {
        listener = await startWebhookListener({ handler, port });
        logger.info({ port }, 'webhook listener started');
      } catch (err) {
        logger.warn({ err, port }, 'the webhook listener could not start; calls are followed by polling');
      }
    });
    return queue;
  };
  return { apply, close: () => apply(undefined) };
}
