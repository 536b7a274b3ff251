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

/** The desktop app's webhook listener port unless another is chosen. */
export const defaultWebhookPort = 5190;

/** An https address (http only for this machine, where tests and tunnels' local ends live). */
const publicUrl = z
  .string()
  .trim()
  .max(300)
  .url('write the public URL as https://…')
  .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u), {
    message: 'the public URL must start with https:// (Twilio and ElevenLabs call it over the internet)',
  })
  .refine((u) => !/[?#]/.test(u), { message: 'the public URL takes no query or fragment' });
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
    /** Where Twilio and ElevenLabs reach Navaia during calls (a tunnel or the team server); optional. */
    webhooks: z
      .object({
        publicUrl: z.union([z.literal(''), publicUrl]).default(''),
        /** The desktop app's own listener on 127.0.0.1, for the tunnel to forward to. */
        localPort: z.number().int().min(1024).max(65535).default(defaultWebhookPort),
      })
      .strict()
      .default({ publicUrl: '', localPort: defaultWebhookPort }),
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
  webhooks: {
    publicUrl: string;
    localPort: number;
    /** Whether Navaia sees escalations during calls; when not, `notice` says what the user sees instead. */
    live: boolean;
    notice?: string;
  };
  /** Whether agents can take real calls over; when not, why. */
  takeover: { available: boolean; reason?: string };
}

export interface ConnectionResult {
  ok: boolean;
  message: string;
}

/** One item of the agent setup checklist (README "Real calls"). */
export interface AgentSetupCheck extends ConnectionResult {
  item: 'overrides' | 'audio' | 'public_url' | 'tools' | 'post_call_webhook' | 'voicemail_tool';
}

export interface ProviderConnectionReport {
  twilio: ConnectionResult;
  elevenlabs: ConnectionResult;
  agentSetup: AgentSetupCheck[];
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
  /**
   * Sets the stored agent up for Navaia's calls through ElevenLabs' API (override permissions, μ-law
   * audio, Navaia's tools at the public URL, the voicemail tool for native calls) and checks it again.
   */
  'providers.setUpAgent': method<{ agentSetup: AgentSetupCheck[] }>()(z.object({}).strict()),
  /** For the agent about to take a real call over to their softphone (identity: this install + their name). */
  'softphone.token': method<SoftphoneToken>()(
    z
      .object({
        attemptId: z.number().int().positive(),
        agentName: z.string().trim().min(1, 'enter your name').max(60),
      })
      .strict(),
  ),
};

export const providerEvents = {};
