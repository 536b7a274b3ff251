import type { ElevenLabsTwilioConfig } from '../../src/core/providers/elevenlabs-twilio/config';
import { softphoneIdentityOf } from '../../src/core/providers/elevenlabs-twilio/softphone-token';
import type { VoiceAgentProvider } from '../../src/core/providers/provider';
import type { RealProviderAdapter } from '../../src/core/providers/provider-settings/real-provider-adapter';
import { createSimulator } from '../../src/core/providers/simulator/simulator-provider';
import type { ProviderCredentialsInput } from '../../src/shared/contract/providers';

/** Test doubles shared by the provider-settings tests. */

export const formCredentials = (overrides: Partial<ProviderCredentialsInput['twilio']> = {}) =>
  ({
    twilio: {
      accountSid: 'AC11111111111111111111111111111111',
      authMode: 'auth-token',
      authToken: 'secret-twilio-token-a81f',
      callerNumbers: ['+13055550100'],
      ...overrides,
    },
    elevenlabs: {
      apiKey: 'secret-eleven-key-c42d',
      agentId: 'agent_123',
      phoneNumberId: 'phnum_456',
      webhookSecret: 'secret-webhook-e93b',
    },
    dialMode: 'own-twilio',
  }) satisfies ProviderCredentialsInput;

/**
 * Stands in for the ElevenLabs + Twilio adapter: each provider it builds is a simulator that says its
 * takeovers go to a softphone, so the whole path (dial, takeover, token) runs without a network.
 */
export function recordingAdapter() {
  const built: { config: ElevenLabsTwilioConfig; closed: boolean }[] = [];
  const adapter: RealProviderAdapter = {
    async createProvider(config, { db, clock }) {
      const simulator = createSimulator({ db, clock, transcripts: true, seed: 11 });
      const entry = { config, closed: false };
      built.push(entry);
      return {
        ...simulator,
        name: 'elevenlabs-twilio',
        async takeOver(callId, agent) {
          await simulator.takeOver(callId, agent);
          return { kind: 'softphone', identity: softphoneIdentityOf(agent) };
        },
        async close() {
          entry.closed = true;
          await simulator.close?.();
        },
      } satisfies VoiceAgentProvider;
    },
    async testConnection(config) {
      // A careless adapter might echo a secret; what reaches the renderer must not.
      return {
        twilio: {
          ok: true,
          message: `Twilio account ${config.twilio.accountSid} answered (token ${config.twilio.authToken})`,
        },
        elevenlabs: {
          ok: config.elevenlabs.agentId === 'agent_123',
          message: `Agent ${config.elevenlabs.agentId} found`,
        },
        agentSetup: [],
      };
    },
    async setUpAgent() {
      return [];
    },
    async mintSoftphoneToken(_config, agent, ttlSeconds, now) {
      const identity = softphoneIdentityOf(agent);
      return { token: `voice-jwt-for-${identity}`, identity, expiresAt: now + ttlSeconds * 1000 };
    },
  };
  return { adapter, built };
}
