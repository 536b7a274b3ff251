import { ProviderError } from '@shared/errors';
import twilio from 'twilio';
import type { TakeoverAgent } from '../provider';
import type { ElevenLabsTwilioConfig } from './config';

export interface SoftphoneToken {
  token: string;
  identity: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const identityPart = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

/**
 * The Twilio client identity an agent's softphone registers as, and the takeover dials: this
 * installation and the agent's name, so two installs sharing a Twilio account never ring each other's
 * agents. Letters, digits and underscores keep it safe inside TwiML and URLs.
 */
export function softphoneIdentityOf(agent: Pick<TakeoverAgent, 'name' | 'installId' | 'clientId'>): string {
  const name = identityPart(agent.name);
  if (agent.installId && name) return `navaia_${identityPart(agent.installId)}_${name}`;
  // Without an install id (a host that keeps none) the client's own id keeps identities apart.
  const safe = agent.clientId.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 100);
  if (!/[A-Za-z0-9]/.test(safe)) throw new ProviderError('The agent has no usable name for the softphone');
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
    throw new ProviderError(
      'The softphone needs a Twilio API key: add its SID and secret in Settings → Providers',
    );
  if (!/^[A-Za-z0-9_]{1,121}$/.test(identity))
    throw new ProviderError(`"${identity}" is not a valid softphone identity`);
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
