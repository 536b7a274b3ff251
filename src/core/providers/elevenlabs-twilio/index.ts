/**
 * The ElevenLabs Agents + Twilio provider. What hosts use:
 *
 * - `createElevenLabsTwilioProvider(config: ElevenLabsTwilioConfig, options: { clock: Clock; logger: Logger;
 *   endpoints?: ProviderEndpoints; pollIntervalMs?; maxPollIntervalMs?; requestTimeoutMs?;
 *   ringTimeoutSeconds?; analysisGraceMs? }): VoiceAgentProvider` — named `elevenlabs-twilio`. Calls
 *   left live by a crash are followed again once the engine asks about them (getCall with their attempt).
 *   Pass `endpoints: providerEndpointsFromEnv()` to honour NAVAIA_*_BASE_URL.
 * - `testConnection(config, endpoints?): Promise<ConnectionReport>` — read-only checks, one line each.
 * - `mintSoftphoneToken(config, identity, ttlSeconds = 3600, now?): SoftphoneToken` — `{ token,
 *   identity, expiresAt }` for @twilio/voice-sdk; throws a clear Error without an API key sid/secret.
 *   `softphoneIdentityOf(agent)` is the identity `takeOver` dials, so mint the token for that identity.
 * - `verifyElevenLabsWebhook(rawBody, header, secret, now)` and `verifyTwilioRequest(authToken, signature,
 *   url, params)` for webhooks.
 *
 * Tests and the e2e host talk to a local fake of both APIs: `npx tsx tests/fakes/provider-api/start.ts
 * --port N` (prints `ready`); its good credentials are in tests/fakes/provider-api/credentials.ts.
 */
export * from './config';
export {
  createElevenLabsTwilioProvider,
  dynamicVariablesOf,
  type ElevenLabsTwilioOptions,
} from './elevenlabs-twilio-provider';
export { mintSoftphoneToken, type SoftphoneToken, softphoneIdentityOf } from './softphone-token';
export { testConnection } from './test-connection';
export { verifyElevenLabsWebhook, verifyTwilioRequest, type WebhookCheck } from './webhooks';
