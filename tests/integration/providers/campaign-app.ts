import { createApp, type NavaiaApp } from '@core/app';
import { createCampaign } from '@core/campaigns/campaign-store';
import type { Clock } from '@core/clock/clock';
import type { Db } from '@core/db/open';
import { silentLogger } from '@core/logging/logger';
import {
  createElevenLabsTwilioProvider,
  type ElevenLabsTwilioConfig,
  type ElevenLabsTwilioOptions,
} from '@core/providers/elevenlabs-twilio';
import { fakeCredentials } from '../../fakes/provider-api/credentials';

/** The provider's options against the fake API: its URL for both services, short polls and timeouts. */
export const fakeApiOptions = (clock: Clock, fakeUrl: string): ElevenLabsTwilioOptions => ({
  clock,
  logger: silentLogger,
  endpoints: { elevenlabsBaseUrl: fakeUrl, twilioBaseUrl: fakeUrl },
  pollIntervalMs: 1_000,
  maxPollIntervalMs: 4_000,
  requestTimeoutMs: 1_000,
  analysisGraceMs: 60_000,
});

/**
 * The app as a host would build it for real calls (it follows calls of earlier runs once the engine asks
 * about them); with `webhooks`, the vendors reach it at that public URL (see realProviderAppPerTest).
 */
export function createRealProviderApp(
  db: Db,
  dataFile: string,
  clock: Clock,
  fakeUrl: string,
  webhooks?: ElevenLabsTwilioConfig['webhooks'],
): NavaiaApp {
  const config: ElevenLabsTwilioConfig = { ...fakeCredentials, ...(webhooks ? { webhooks } : {}) };
  const provider = createElevenLabsTwilioProvider(config, fakeApiOptions(clock, fakeUrl));
  return createApp({
    db,
    logger: silentLogger,
    host: 'cli',
    dataFile,
    clock,
    providers: [provider],
    webhookPublicUrl: webhooks?.publicUrl,
  });
}

export function createRealCampaign(db: Db, now: number): number {
  return createCampaign(
    db,
    {
      name: 'Real provider campaign',
      objective: 'neighborhood_interest',
      provider: 'elevenlabs-twilio',
      script: {
        firstMessage: 'Hello {{customer.first_name}}, this is {{company_name}}. Say stop to opt out.',
        voicemailMessage: 'Hi {{customer.first_name}}, this is {{company_name}}. Please call us back.',
      },
      schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
      pacing: { maxConcurrent: 8, maxPerMinute: 120 },
      retryPolicy: { retryOn: ['no_answer', 'busy', 'voicemail', 'failed'], delayMinutes: 1, maxAttempts: 2 },
    },
    now,
  ).id;
}

export const campaignStatus = (db: Db, id: number) =>
  db.$client.prepare('select status from campaigns where id = ?').pluck().get(id) as string;
