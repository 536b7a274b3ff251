/**
 * What the ElevenLabs + Twilio provider needs to place and follow real calls. The secrets in it live
 * only in the process that hosts core (Electron main, browser host, CLI); the renderer never sees them.
 */
export interface ElevenLabsTwilioConfig {
  twilio: {
    accountSid: string;
    /** Either the auth token, or an API key sid + secret (preferred by Twilio for apps). */
    authToken?: string;
    apiKeySid?: string;
    apiKeySecret?: string;
    /** E.164 numbers owned in the Twilio account that calls may come from. */
    callerNumbers: string[];
    /** TwiML app whose Voice URL the agent's softphone uses for outgoing audio (optional). */
    twimlAppSid?: string;
  };
  elevenlabs: {
    apiKey: string;
    agentId: string;
    /** The ElevenLabs id of the Twilio number imported into the agents platform. */
    phoneNumberId: string;
    /** HMAC secret of the optional post-call webhook. */
    webhookSecret?: string;
  };
  /**
   * `own-twilio` (default): ElevenLabs register-call gives TwiML and Navaia creates the Twilio call itself,
   * so it owns the call sid (takeover, answering-machine detection). `native`: ElevenLabs places the call.
   */
  dialMode: 'own-twilio' | 'native';
  /**
   * Where the vendors reach Navaia during a call (tool calls, callbacks, post-call events). Without a
   * public URL Navaia follows calls by polling alone, and sees a request for a person only after the call.
   */
  webhooks?: {
    /** https://… that forwards to Navaia's webhook receiver ('' for none). */
    publicUrl: string;
    /** Signs the per-call token the agent's tools send back (random, made once, never shown). */
    toolSecret: string;
    /** Port of the desktop app's own webhook listener on 127.0.0.1, for a tunnel to forward to. */
    localPort?: number;
  };
}

/** The public URL calls can reach Navaia at, without a trailing slash; undefined when none is set. */
export const publicUrlOf = (config: ElevenLabsTwilioConfig): string | undefined =>
  config.webhooks?.publicUrl ? config.webhooks.publicUrl.replace(/\/+$/, '') : undefined;

/**
 * Where the APIs are. Production uses the SDK defaults; tests (and the e2e host, through
 * NAVAIA_ELEVENLABS_BASE_URL / NAVAIA_TWILIO_BASE_URL) point both at a local fake server.
 */
export interface ProviderEndpoints {
  elevenlabsBaseUrl?: string;
  /** Replaces the origin of every Twilio REST request (the SDK has no base-URL option). */
  twilioBaseUrl?: string;
}

export const providerEndpointsFromEnv = (env: NodeJS.ProcessEnv = process.env): ProviderEndpoints => ({
  elevenlabsBaseUrl: env.NAVAIA_ELEVENLABS_BASE_URL || undefined,
  twilioBaseUrl: env.NAVAIA_TWILIO_BASE_URL || undefined,
});

export interface ConnectionCheck {
  ok: boolean;
  /** One line a supervisor can act on: what was checked and what came back. */
  message: string;
}

/** One item of README's agent setup checklist, as Test connection found it. */
export interface SetupCheck extends ConnectionCheck {
  item: 'overrides' | 'audio' | 'public_url' | 'tools' | 'post_call_webhook' | 'voicemail_tool';
}

export interface ConnectionReport {
  twilio: ConnectionCheck;
  elevenlabs: ConnectionCheck;
  /** The agent setup checklist, item by item (empty when the agent could not be read). */
  agentSetup: SetupCheck[];
}
