import { afterEach } from 'vitest';
import type { NavaiaApp } from '../../../src/core/app';
import { type Clock, createRealTimeClock } from '../../../src/core/clock/clock';
import { type Db, openDatabase } from '../../../src/core/db/open';
import {
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
import { insertCustomers, nyMorning, type TestCustomer } from '../../helpers/engine-harness';
import { createTempDb } from '../../helpers/temp-db';
import { createRealCampaign, createRealProviderApp, fakeApiOptions } from './campaign-app';

export { nyMorning };

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

export async function createProviderRig(
  options: {
    speed?: number;
    dialMode?: ElevenLabsTwilioConfig['dialMode'];
    fake?: Omit<FakeProviderApiOptions, 'now'>;
    clock?: Clock;
  } = {},
): Promise<ProviderRig> {
  const clock = options.clock ?? createFastClock(nyMorning, options.speed ?? 50);
  const fake = await startFakeProviderApi({ ...options.fake, now: clock.now });
  const config: ElevenLabsTwilioConfig = { ...fakeCredentials, dialMode: options.dialMode ?? 'own-twilio' };
  const provider = createElevenLabsTwilioProvider(config, fakeApiOptions(clock, fake.url));
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

export interface RealProviderRun {
  app: NavaiaApp;
  db: Db;
  clock: Clock;
  fake: FakeProviderApi;
  campaignId: number;
}

/**
 * For each test of the suite: `start` puts the customers in a fresh temporary database, starts the app
 * on the real provider against its own fake API (fast clock from nyMorning) and starts a real campaign
 * over them. The app, the fake and the database go after the test. Read the fields inside a test.
 */
export function realProviderAppPerTest() {
  let app: NavaiaApp | undefined;
  let fake: FakeProviderApi | undefined;
  let cleanup: (() => void) | undefined;
  let current: RealProviderRun | undefined;
  let file = '';
  afterEach(async () => {
    await app?.close();
    await fake?.close();
    cleanup?.();
    app = fake = cleanup = current = undefined;
  });
  const run = () => {
    if (!current) throw new Error('start() first');
    return current;
  };
  return {
    get app() {
      return run().app;
    },
    get fake() {
      return run().fake;
    },
    async start(customers: TestCustomer[], fakeOptions: Omit<FakeProviderApiOptions, 'now'> = {}) {
      const clock = createFastClock(nyMorning, 50);
      fake = await startFakeProviderApi({ ...fakeOptions, now: clock.now });
      const temp = createTempDb();
      file = temp.file;
      cleanup = temp.cleanup;
      insertCustomers(temp.db, customers, nyMorning);
      app = createRealProviderApp(temp.db, file, clock, fake.url);
      await app.start();
      const campaignId = createRealCampaign(temp.db, clock.now());
      app.engine.startCampaign(campaignId);
      current = { app, db: temp.db, clock, fake, campaignId };
      return current;
    },
    /** Stops the app (as if it went down), leaving the database file and the fake's calls. */
    async stopApp() {
      await run().app.close();
      app = undefined;
    },
    /** A new app on the same database file and fake API, started (it reconciles what the last run left). */
    async restartApp() {
      const last = run();
      const db = openDatabase(file);
      app = createRealProviderApp(db, file, last.clock, last.fake.url);
      await app.start();
      current = { ...last, app, db };
      return current;
    },
  };
}
