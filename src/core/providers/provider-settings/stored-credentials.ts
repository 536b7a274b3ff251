import { randomBytes } from 'node:crypto';
import {
  defaultWebhookPort,
  dialModes,
  e164Number,
  type ProviderStatus,
  type providerCredentialsInputSchema,
} from '@shared/contract/providers';
import { AppError } from '@shared/errors';
import { z } from 'zod';
import type { ElevenLabsTwilioConfig } from '../elevenlabs-twilio/config';

/** The shape kept in the secret store; read back through zod because a file can be old or edited. */
export const storedCredentialsSchema = z.object({
  twilio: z.object({
    accountSid: z.string().min(1),
    authToken: z.string().min(1).optional(),
    apiKeySid: z.string().min(1).optional(),
    apiKeySecret: z.string().min(1).optional(),
    callerNumbers: z.array(e164Number).min(1),
    twimlAppSid: z.string().min(1).optional(),
  }),
  elevenlabs: z.object({
    apiKey: z.string().min(1),
    agentId: z.string().min(1),
    phoneNumberId: z.string().min(1),
    webhookSecret: z.string().min(1).optional(),
  }),
  dialMode: z.enum(dialModes),
  webhooks: z
    .object({
      publicUrl: z.string(),
      toolSecret: z.string().min(16),
      localPort: z.number().int().optional(),
    })
    .optional(),
});

type CredentialsInput = z.output<typeof providerCredentialsInputSchema>;

const blankToUndefined = (value: string) => (value === '' ? undefined : value);

/**
 * The form's values over what is stored: an empty secret field keeps the stored secret, and the API
 * key not chosen is dropped (the auth token stays: with an API key it checks Twilio's callbacks). Fails
 * with the list of what is still missing.
 */
export function mergeCredentials(
  input: CredentialsInput,
  stored: ElevenLabsTwilioConfig | undefined,
): ElevenLabsTwilioConfig {
  const { twilio, elevenlabs } = input;
  const sameAccount = stored?.twilio.accountSid === twilio.accountSid;
  const apiKeyMode = twilio.authMode === 'api-key';
  const apiKeySid = blankToUndefined(twilio.apiKeySid);
  const merged: ElevenLabsTwilioConfig = {
    twilio: {
      accountSid: twilio.accountSid,
      // Another account's token or key would only fail later, at dial time: keep secrets per account.
      // With an API key the auth token is optional: Twilio signs its callbacks with it, nothing else.
      authToken: blankToUndefined(twilio.authToken) ?? (sameAccount ? stored?.twilio.authToken : undefined),
      apiKeySid: apiKeyMode ? apiKeySid : undefined,
      apiKeySecret: apiKeyMode
        ? (blankToUndefined(twilio.apiKeySecret) ??
          (sameAccount && stored?.twilio.apiKeySid === apiKeySid ? stored?.twilio.apiKeySecret : undefined))
        : undefined,
      callerNumbers: [...new Set(twilio.callerNumbers)],
      twimlAppSid: blankToUndefined(twilio.twimlAppSid),
    },
    elevenlabs: {
      apiKey: blankToUndefined(elevenlabs.apiKey) ?? stored?.elevenlabs.apiKey ?? '',
      agentId: elevenlabs.agentId,
      phoneNumberId: elevenlabs.phoneNumberId,
      webhookSecret: elevenlabs.removeWebhookSecret
        ? undefined
        : (blankToUndefined(elevenlabs.webhookSecret) ?? stored?.elevenlabs.webhookSecret),
    },
    dialMode: input.dialMode,
    webhooks: {
      publicUrl: input.webhooks.publicUrl.replace(/\/+$/, ''),
      localPort: input.webhooks.localPort,
      // Made once and kept: tools already set up on the agent go on working across saves.
      toolSecret: stored?.webhooks?.toolSecret ?? randomBytes(32).toString('base64url'),
    },
  };
  const missing = [
    ...(apiKeyMode
      ? [
          ...(merged.twilio.apiKeySid
            ? []
            : [{ path: 'twilio.apiKeySid', message: 'enter the API key SID' }]),
          ...(merged.twilio.apiKeySecret
            ? []
            : [{ path: 'twilio.apiKeySecret', message: 'enter the API key secret' }]),
        ]
      : merged.twilio.authToken
        ? []
        : [{ path: 'twilio.authToken', message: 'enter the Twilio auth token' }]),
    ...(merged.elevenlabs.apiKey
      ? []
      : [{ path: 'elevenlabs.apiKey', message: 'enter the ElevenLabs API key' }]),
  ];
  if (missing.length > 0) {
    throw new AppError('invalid_input', `Missing: ${missing.map((m) => m.message).join(', ')}`, missing);
  }
  return merged;
}

/** Everything the renderer may see: identifiers, and for each secret only whether it is set. */
export function publicCredentials(
  config: ElevenLabsTwilioConfig | undefined,
): Pick<ProviderStatus, 'twilio' | 'elevenlabs' | 'dialMode' | 'webhooks' | 'takeover'> {
  const webhooks = webhookStatusOf(config);
  if (!config)
    return {
      twilio: null,
      elevenlabs: null,
      dialMode: 'own-twilio',
      webhooks,
      takeover: { available: true },
    };
  return {
    twilio: {
      accountSid: config.twilio.accountSid,
      authMode: config.twilio.apiKeySid ? 'api-key' : 'auth-token',
      authTokenSet: Boolean(config.twilio.authToken),
      apiKeySid: config.twilio.apiKeySid ?? '',
      apiKeySecretSet: Boolean(config.twilio.apiKeySecret),
      callerNumbers: config.twilio.callerNumbers,
      twimlAppSid: config.twilio.twimlAppSid ?? '',
    },
    elevenlabs: {
      agentId: config.elevenlabs.agentId,
      phoneNumberId: config.elevenlabs.phoneNumberId,
      apiKeySet: Boolean(config.elevenlabs.apiKey),
      webhookSecretSet: Boolean(config.elevenlabs.webhookSecret),
    },
    dialMode: config.dialMode,
    webhooks,
    takeover:
      config.dialMode === 'native'
        ? {
            available: false,
            reason: 'ElevenLabs places the calls (How calls are placed): they cannot be moved to a softphone',
          }
        : { available: true },
  };
}

/** What the supervisor is told about live events: with a public URL they come during the call. */
export function webhookStatusOf(config: ElevenLabsTwilioConfig | undefined): ProviderStatus['webhooks'] {
  const publicUrl = config?.webhooks?.publicUrl ?? '';
  const localPort = config?.webhooks?.localPort ?? defaultWebhookPort;
  return publicUrl
    ? { publicUrl, localPort, live: true }
    : {
        publicUrl,
        localPort,
        live: false,
        notice:
          'No public URL for webhooks: Navaia follows real calls by polling, so a customer’s request for a person shows only after the call.',
      };
}
