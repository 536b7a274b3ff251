import { z } from 'zod';
import { method } from './define';

/**
 * Settings → Providers. Secrets go in (providers.save) but never come back out: replies carry only
 * whether each secret is set, plus identifiers that are not secret (account SID, numbers, agent id).
 */

const sid = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .regex(
      new RegExp(`^${prefix}[0-9a-fA-F]{32}$`),
      `${what} starts with ${prefix} followed by 32 hex digits`,
    );

/** An empty string keeps the stored secret, so the form never needs to know it. */
const keptSecret = z.string().trim().max(512).default('');
const optionalSid = (prefix: string, what: string) => z.union([z.literal(''), sid(prefix, what)]).default('');

export const e164Number = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'write numbers in E.164, like +13055550142');

/** A phone number as people type it: digits with spaces, dots, dashes or brackets, a + for the country. */
export const phoneAsTyped = z
  .string()
  .trim()
  .max(30)
  .refine((v) => /^\+?[\d\s().-]+$/.test(v) && v.replace(/\D/g, '').length >= 7, {
    message: 'write a phone number, like +1 305 555 0142 or (305) 555-0142',
  });

export const dialModes = ['own-twilio', 'native'] as const;
export const twilioAuthModes = ['auth-token', 'api-key'] as const;

export const providerCredentialsInputSchema = z
  .object({
    twilio: z
      .object({
        accountSid: sid('AC', 'The account SID'),
        authMode: z.enum(twilioAuthModes).default('auth-token'),
        authToken: keptSecret,
        apiKeySid: optionalSid('SK', 'The API key SID'),
        apiKeySecret: keptSecret,
        /** As typed (national or international); core reads them into E.164 with the default region. */
        callerNumbers: z.array(phoneAsTyped).min(1, 'add at least one caller number').max(50),
        twimlAppSid: optionalSid('AP', 'The TwiML app SID'),
      })
      .strict(),
    elevenlabs: z
      .object({
        apiKey: keptSecret,
        agentId: z.string().trim().min(1, 'enter the ElevenLabs agent id').max(100),
        phoneNumberId: z.string().trim().min(1, 'enter the ElevenLabs phone number id').max(100),
        webhookSecret: keptSecret,
        /** Drops a stored webhook secret (an empty field alone keeps it). */
        removeWebhookSecret: z.boolean().default(false),
      })
      .strict(),
    dialMode: z.enum(dialModes).default('own-twilio'),
  })
  .strict();

export type ProviderCredentialsInput = z.input<typeof providerCredentialsInputSchema>;

/** What the renderer may know about the stored credentials. */
export interface ProviderStatus {
  /** Complete credentials are stored and the real provider is registered as `elevenlabs-twilio`. */
  configured: boolean;
  storage: { kind: 'os' | 'encrypted-file' | 'none'; warning?: string };
  /** The stored credentials exist but cannot be read (wrong key, no keyring …). */
  error?: string;
  twilio: {
    accountSid: string;
    authMode: (typeof twilioAuthModes)[number];
    authTokenSet: boolean;
    apiKeySid: string;
    apiKeySecretSet: boolean;
    callerNumbers: string[];
    twimlAppSid: string;
  } | null;
  elevenlabs: {
    agentId: string;
    phoneNumberId: string;
    apiKeySet: boolean;
    webhookSecretSet: boolean;
  } | null;
  dialMode: (typeof dialModes)[number];
}

export interface ConnectionResult {
  ok: boolean;
  message: string;
}

export interface ProviderConnectionReport {
  twilio: ConnectionResult;
  elevenlabs: ConnectionResult;
}

export interface SoftphoneToken {
  /** A short-lived Twilio Voice access token for the agent's browser client; not a provider secret. */
  token: string;
  identity: string;
  expiresAt: number;
}

export const providerMethods = {
  'providers.status': method<ProviderStatus>()(z.object({}).strict()),
  'providers.save': method<ProviderStatus>()(providerCredentialsInputSchema),
  'providers.clear': method<ProviderStatus>()(z.object({}).strict()),
  /** Tests the given (unsaved) credentials merged with the stored secrets, or the stored ones. */
  'providers.testConnection': method<ProviderConnectionReport>()(
    z.object({ credentials: providerCredentialsInputSchema.optional() }).strict(),
  ),
  /** For the agent holding a real call taken over to their softphone. */
  'softphone.token': method<SoftphoneToken>()(z.object({ attemptId: z.number().int().positive() }).strict()),
};

export const providerEvents = {};
