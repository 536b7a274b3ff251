import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import type { ReplayGuard, VoiceAgentProvider, WebhookReply } from '../providers/provider';
import { healthAnswer, webhookPaths, webhookRouteOf } from './webhook-paths';

/** Tool calls, callbacks and post-call events are small; anything larger is not one of them. */
const maxBodyBytes = 512 * 1024;

/** Answers a request if it is a webhook's (true), else leaves it to the host (false). */
export type WebhookHttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface WebhookReceiverDeps {
  /** The provider whose calls the vendors report on (the real one). */
  provider(): VoiceAgentProvider | undefined;
  /** The public URL the vendors were given: what they sign is that URL with the path and query. */
  publicUrl(): string | undefined;
  firstDelivery: ReplayGuard;
  logger: Logger;
}

const send = (res: ServerResponse, reply: WebhookReply) => {
  res.writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-store' });
  res.end(reply.body);
};
const plain = (status: number, body: string): WebhookReply => ({ status, contentType: 'text/plain', body });

/**
 * Navaia's webhook receiver, for any HTTP server a host runs (the browser host's, the desktop's own
 * listener): POSTs under /webhooks/ from Twilio and ElevenLabs go to the provider, which checks their
 * signatures and replays; nothing else is answered here. The receiver needs no session token — the
 * vendors cannot have one — so it takes nothing but those signed requests.
 */
export function createWebhookReceiver(deps: WebhookReceiverDeps): WebhookHttpHandler {
  const receive = async (req: IncomingMessage, res: ServerResponse, rawBody: string) => {
    const url = new URL(req.url ?? '/', 'http://navaia.local');
    const route = webhookRouteOf(url.pathname);
    if (!route) return send(res, plain(404, 'no such webhook'));
    const publicUrl = deps.publicUrl();
    const provider = deps.provider();
    if (!publicUrl || !provider?.receiveWebhook)
      return send(res, plain(503, 'Navaia has no public URL for webhooks set (Settings → Providers)'));
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
    const reply = await provider.receiveWebhook(
      { route, url: `${publicUrl}${url.pathname}${url.search}`, query: url.searchParams, headers, rawBody },
      deps.firstDelivery,
    );
    if (reply.status >= 400)
      deps.logger.warn(
        { path: url.pathname, status: reply.status, reason: reply.body.slice(0, 200) },
        'webhook refused',
      );
    send(res, reply);
  };

  return (req, res) => {
    if (!(req.url ?? '').startsWith(webhookPaths.prefix)) return false;
    if (req.method === 'GET' && req.url === webhookPaths.health) {
      send(res, plain(200, healthAnswer));
      return true;
    }
    if (req.method !== 'POST') {
      send(res, plain(405, 'webhooks are POSTed'));
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        send(res, plain(413, 'too large for a webhook'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      receive(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        deps.logger.error({ err, path: req.url?.split('?')[0] }, 'webhook failed');
        if (!res.headersSent) send(res, plain(500, 'the webhook could not be handled'));
      });
    });
    return true;
  };
}
