import type { Clock } from '../../clock/clock';
import type { Db } from '../../db/open';
import type { Logger } from '../../logging/logger';
import { getSettings } from '../../settings/settings-store';
import type {
  ConnectionReport,
  ElevenLabsTwilioConfig,
  ProviderEndpoints,
  SetupCheck,
} from '../elevenlabs-twilio/config';
import type { VoiceAgentProvider } from '../provider';

/** What provider settings need from the ElevenLabs + Twilio adapter; tests may pass a recording double. */
export interface RealProviderAdapter {
  createProvider(
    config: ElevenLabsTwilioConfig,
    options: { db: Db; clock: Clock; logger: Logger; endpoints: ProviderEndpoints },
  ): Promise<VoiceAgentProvider>;
  testConnection(config: ElevenLabsTwilioConfig, endpoints: ProviderEndpoints): Promise<ConnectionReport>;
  /** Sets the agent up for Navaia's calls (overrides, μ-law audio, tools) and checks it again. */
  setUpAgent(config: ElevenLabsTwilioConfig, endpoints: ProviderEndpoints): Promise<SetupCheck[]>;
  /** A Voice access token for the softphone identity the provider's takeOver dials for this agent. */
  mintSoftphoneToken(
    config: ElevenLabsTwilioConfig,
    agent: { clientId: string; name: string; installId?: string },
    ttlSeconds: number,
    now: number,
  ): Promise<{ token: string; identity: string; expiresAt: number }>;
}

// Loaded on first use: the Twilio and ElevenLabs SDKs are large, and most runs (CLI, simulator) never need them.
const adapterModule = () => import('../elevenlabs-twilio/index');

/**
 * Loads the vendors' SDKs in the background of a host that stays up (seconds of CPU on a busy machine),
 * so the first Test connection or real call does not wait for them. A failure shows at first real use.
 */
export function warmUpRealProvider(): void {
  setTimeout(() => void adapterModule().catch(() => undefined), 1_000).unref();
}

export const elevenLabsTwilioAdapter: RealProviderAdapter = {
  async createProvider(config, { db, clock, logger, endpoints }) {
    return (await adapterModule()).createElevenLabsTwilioProvider(config, {
      clock,
      logger,
      endpoints,
      escalationWaitSeconds: () => getSettings(db).escalationWaitSeconds,
    });
  },
  testConnection: async (config, endpoints) => (await adapterModule()).testConnection(config, endpoints),
  setUpAgent: async (config, endpoints) => (await adapterModule()).setUpAndCheckAgent(config, endpoints),
  async mintSoftphoneToken(config, agent, ttlSeconds, now) {
    const adapter = await adapterModule();
    return adapter.mintSoftphoneToken(config, adapter.softphoneIdentityOf(agent), ttlSeconds, now);
  },
};
