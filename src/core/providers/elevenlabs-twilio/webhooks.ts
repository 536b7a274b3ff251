import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import twilio from 'twilio';

/** ElevenLabs signs `t=<unix seconds>,v0=<hmac>`; older than this, a delivery counts as a replay. */
export const elevenlabsWebhookToleranceMs = 30 * 60_000;
/** A timestamp this far in the future is as suspect as a stale one. */
const futureSkewMs = 5 * 60_000;

export type WebhookCheck<T> = { ok: true; event: T } | { ok: false; reason: string };

/**
 * Checks an ElevenLabs post-call webhook: signed with the shared secret, over this exact raw body, and
 * recent (judged on the injected `now`). Uses the SDK's own check for the signature itself.
 */
export async function verifyElevenLabsWebhook(
  rawBody: string,
  signatureHeader: string | undefined,
  secret: string,
  now: number,
): Promise<WebhookCheck<unknown>> {
  if (!secret) return { ok: false, reason: 'no webhook secret is configured' };
  if (!signatureHeader) return { ok: false, reason: 'the request is not signed' };
  const timestamp = Number(/(?:^|,)\s*t=(\d+)/.exec(signatureHeader)?.[1]);
  if (!Number.isFinite(timestamp)) return { ok: false, reason: 'the signature has no timestamp' };
  const age = now - timestamp * 1000;
  if (age > elevenlabsWebhookToleranceMs) return { ok: false, reason: 'the signature is too old' };
  if (age < -futureSkewMs) return { ok: false, reason: 'the signature is dated in the future' };
  try {
    // The SDK's webhook check needs no API key and makes no request.
    const event = await new ElevenLabsClient({ apiKey: 'unused' }).webhooks.constructEvent(
      rawBody,
      signatureHeader,
      secret,
    );
    return { ok: true, event };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : 'invalid signature' };
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
