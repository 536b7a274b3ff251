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
}

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

export interface ConnectionReport {
  twilio: ConnectionCheck;
  elevenlabs: ConnectionCheck;
}
