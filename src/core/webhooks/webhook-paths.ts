import type { WebhookRoute } from '../providers/provider';

/**
 * Where the vendors reach Navaia's webhook receiver, below the public URL. One list for the provider
 * (which hands these URLs to Twilio and ElevenLabs) and the receiver (which routes by them).
 */
export const webhookPaths = {
  prefix: '/webhooks/',
  /** GET: answers `navaia-webhooks`, so Test connection can see that the public URL reaches this app. */
  health: '/webhooks/health',
  tool: (name: string) => `/webhooks/elevenlabs/tools/${name}`,
  elevenlabsEvents: '/webhooks/elevenlabs/events',
  twilioStatus: '/webhooks/twilio/status',
  twilioAmd: '/webhooks/twilio/amd',
  twilioDialEnded: '/webhooks/twilio/dial-ended',
} as const;

export const healthAnswer = 'navaia-webhooks';

/** The route of a request path, or undefined when no route has that path. */
export function webhookRouteOf(pathname: string): WebhookRoute | undefined {
  const tool = /^\/webhooks\/elevenlabs\/tools\/([a-z_]{1,64})$/.exec(pathname);
  if (tool) return { kind: 'tool', tool: tool[1] };
  switch (pathname) {
    case webhookPaths.elevenlabsEvents:
      return { kind: 'elevenlabs-event' };
    case webhookPaths.twilioStatus:
      return { kind: 'twilio-status' };
    case webhookPaths.twilioAmd:
      return { kind: 'twilio-amd' };
    case webhookPaths.twilioDialEnded:
      return { kind: 'twilio-dial-ended' };
    default:
      return undefined;
  }
}

/**
 * A Twilio callback URL for one attempt. Twilio signs the whole URL, so the expiry in it cannot be
 * changed: a captured callback replayed after `expiresAt` is refused even with its valid signature.
 */
export function twilioCallbackUrl(
  publicUrl: string,
  path: string,
  attemptId: number,
  expiresAt: number,
): string {
  const query = new URLSearchParams({
    attempt: String(attemptId),
    exp: String(Math.floor(expiresAt / 1000)),
  });
  return `${publicUrl}${path}?${query}`;
}
