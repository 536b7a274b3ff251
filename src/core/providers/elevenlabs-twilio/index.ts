/**
 * The ElevenLabs Agents + Twilio provider. What hosts use:
 *
 * - `createElevenLabsTwilioProvider(config: ElevenLabsTwilioConfig, options: { clock: Clock; logger: Logger;
 *   endpoints?: ProviderEndpoints; pollIntervalMs?; maxPollIntervalMs?; requestTimeoutMs?;
 *   ringTimeoutSeconds?; analysisGraceMs?; priceGraceMs? }): VoiceAgentProvider` — named
 *   `elevenlabs-twilio`. Calls left live by a crash are followed again once the engine asks about them
 *   (getCall with their attempt). Pass `endpoints: providerEndpointsFromEnv()` to honour NAVAIA_*_BASE_URL.
 *   Its `receiveWebhook` takes the vendors' requests from core/webhooks' receiver.
 * - `testConnection(config, endpoints?): Promise<ConnectionReport>` — read-only checks, one line each, and
 *   the agent setup checklist item by item.
 * - `setUpAndCheckAgent(config, endpoints?): Promise<SetupCheck[]>` — sets the agent up through the API
 *   (override permissions, μ-law 8000 Hz, Navaia's tools at the public URL), then checks it again.
 *   `navaiaTools(publicUrl)` is the exact tool JSON, for README and for users who set agents up by hand.
 * - `mintSoftphoneToken(config, identity, ttlSeconds = 3600, now?): SoftphoneToken` — `{ token,
 *   identity, expiresAt }` for @twilio/voice-sdk; throws a clear Error without an API key sid/secret.
 *   `softphoneIdentityOf({ name, installId, clientId })` is the identity `takeOver` dials (install +
 *   agent name), so mint the token for that identity.
 * - `verifyElevenLabsWebhook(rawBody, header, secret, now)` and `verifyTwilioRequest(authToken, signature,
 *   url, params)` for webhooks.
 *
 * Tests and the e2e host talk to a local fake of both APIs: `npx tsx tests/fakes/provider-api/start.ts
 * --port N` (prints `ready`); its good credentials are in tests/fakes/provider-api/credentials.ts.
 */

export { navaiaTools } from './agent-setup';
export * from './config';
export {
  createElevenLabsTwilioProvider,
  dynamicVariablesOf,
  type ElevenLabsTwilioOptions,
} from './elevenlabs-twilio-provider';
export { mintSoftphoneToken, type SoftphoneToken, softphoneIdentityOf } from './softphone-token';
export { setUpAndCheckAgent, testConnection } from './test-connection';
export { verifyElevenLabsWebhook, verifyTwilioRequest, type WebhookCheck } from './webhooks';
