import twilio from 'twilio';
import type { TakeoverAgent } from '../provider';
import type { ElevenLabsTwilioConfig } from './config';

export interface SoftphoneToken {
  token: string;
  identity: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Twilio client identities: letters, digits and underscores keep them safe inside TwiML and URLs. */
export function softphoneIdentityOf(agent: Pick<TakeoverAgent, 'clientId'>): string {
  const safe = agent.clientId.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 100);
  if (!/[A-Za-z0-9]/.test(safe)) throw new Error('The agent has no usable client id for the softphone');
  return `navaia_${safe}`;
}

/**
 * A short-lived Voice access token for the agent's browser softphone (Twilio Voice SDK): it may receive
 * the calls Navaia redirects to `identity`, and place calls through the TwiML app if one is set.
 * Access tokens are signed with an API key, never the auth token.
 */
export function mintSoftphoneToken(
  config: ElevenLabsTwilioConfig,
  identity: string,
  ttlSeconds = 3600,
  now = Date.now(),
): SoftphoneToken {
  const { accountSid, apiKeySid, apiKeySecret, twimlAppSid } = config.twilio;
  if (!apiKeySid || !apiKeySecret)
    throw new Error('The softphone needs a Twilio API key: add its SID and secret in Settings → Providers');
  if (!/^[A-Za-z0-9_]{1,121}$/.test(identity))
    throw new Error(`"${identity}" is not a valid softphone identity`);
  const ttl = Math.max(60, Math.min(24 * 3600, Math.round(ttlSeconds)));
  const token = new twilio.jwt.AccessToken(accountSid, apiKeySid, apiKeySecret, { identity, ttl });
  token.addGrant(
    new twilio.jwt.AccessToken.VoiceGrant({
      incomingAllow: true,
      ...(twimlAppSid ? { outgoingApplicationSid: twimlAppSid } : {}),
    }),
  );
  return { token: token.toJwt(), identity, expiresAt: now + ttl * 1000 };
}
