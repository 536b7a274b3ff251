import { createHmac, timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';

/** ElevenLabs signs `t=<unix seconds>,v0=<hmac>`; older than this, a delivery counts as a replay. */
export const elevenlabsWebhookToleranceMs = 30 * 60_000;
/** A timestamp this far in the future is as suspect as a stale one. */
const futureSkewMs = 5 * 60_000;

export type WebhookCheck<T> = { ok: true; event: T } | { ok: false; reason: string };

/**
 * Checks an ElevenLabs webhook: signed with the shared secret over this exact raw body, and recent.
 * The scheme is the SDK's (`t=<unix>,v0=<hex HMAC-SHA256 of "t.body">`, see its webhooks.constructEvent),
 * checked here because the SDK judges the age by the machine's clock, and Navaia's is injected (a
 * rehearsal or a test runs on its own clock).
 */
export async function verifyElevenLabsWebhook(
  rawBody: string,
  signatureHeader: string | undefined,
  secret: string,
  now: number,
): Promise<WebhookCheck<unknown>> {
  if (!secret) return { ok: false, reason: 'no webhook secret is configured' };
  if (!signatureHeader) return { ok: false, reason: 'the request is not signed' };
  const parts = signatureHeader.split(',').map((p) => p.trim());
  const timestamp = Number(parts.find((p) => p.startsWith('t='))?.slice(2));
  const signature = parts.find((p) => p.startsWith('v0='))?.slice(3) ?? '';
  if (!Number.isFinite(timestamp)) return { ok: false, reason: 'the signature has no timestamp' };
  const age = now - timestamp * 1000;
  if (age > elevenlabsWebhookToleranceMs) return { ok: false, reason: 'the signature is too old' };
  if (age < -futureSkewMs) return { ok: false, reason: 'the signature is dated in the future' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
    return { ok: false, reason: 'the signature does not match' };
  try {
    return { ok: true, event: JSON.parse(rawBody) };
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
}

/**
 * Checks a Twilio webhook (status callback, TwiML request): `X-Twilio-Signature` over the full URL
 * Twilio called and the POSTed form fields, with the account's auth token.
 */
export function verifyTwilioRequest(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!authToken || !signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}
