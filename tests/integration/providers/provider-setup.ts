import { type Clock, createRealTimeClock } from '../../../src/core/clock/clock';
import { silentLogger } from '../../../src/core/logging/logger';
import {
  type CallLedger,
  createElevenLabsTwilioProvider,
  type ElevenLabsTwilioConfig,
} from '../../../src/core/providers/elevenlabs-twilio';
import type { ProviderEvent, VoiceAgentProvider } from '../../../src/core/providers/provider';
import { fakeCredentials } from '../../fakes/provider-api/credentials';
import {
  type FakeProviderApi,
  type FakeProviderApiOptions,
  startFakeProviderApi,
} from '../../fakes/provider-api/server';

/**
 * Real time, sped up: `speed` virtual milliseconds pass per real millisecond. The provider talks to a
 * real HTTP server, so a virtual clock that only moves between promise ticks would outrun the
 * requests; a fast real clock keeps both honest while 30-second retry delays take under a second.
 */
export const createFastClock = (startAt: number, speed: number, t0 = Date.now()): Clock =>
  createRealTimeClock({ startAt, speed, t0 });

/** Waits (in real time) until `check` holds; fails with `what` after `limitMs`. */
export async function waitFor(what: string, check: () => boolean, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ProviderRig {
  fake: FakeProviderApi;
  clock: Clock;
  provider: VoiceAgentProvider;
  events: ProviderEvent[];
  config: ElevenLabsTwilioConfig;
  close(): Promise<void>;
}

export const nyMorning = Date.UTC(2026, 10, 24, 15, 0);

export async function createProviderRig(
  options: {
    speed?: number;
    dialMode?: ElevenLabsTwilioConfig['dialMode'];
    fake?: Omit<FakeProviderApiOptions, 'now'>;
    ledger?: CallLedger;
    clock?: Clock;
  } = {},
): Promise<ProviderRig> {
  const clock = options.clock ?? createFastClock(nyMorning, options.speed ?? 50);
  const fake = await startFakeProviderApi({ ...options.fake, now: clock.now });
  const config: ElevenLabsTwilioConfig = { ...fakeCredentials, dialMode: options.dialMode ?? 'own-twilio' };
  const provider = createElevenLabsTwilioProvider(config, {
    clock,
    logger: silentLogger,
    endpoints: { elevenlabsBaseUrl: fake.url, twilioBaseUrl: fake.url },
    pollIntervalMs: 1_000,
    maxPollIntervalMs: 4_000,
    requestTimeoutMs: 1_000,
    analysisGraceMs: 60_000,
    ledger: options.ledger,
  });
  const events: ProviderEvent[] = [];
  provider.subscribe((e) => events.push(e));
  return {
    fake,
    clock,
    provider,
    events,
    config,
    async close() {
      await provider.close?.();
      await fake.close();
    },
  };
}
