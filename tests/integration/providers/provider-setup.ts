import type { NavaiaApp } from '@core/app';
import { type Clock, createRealTimeClock } from '@core/clock/clock';
import { type Db, openDatabase } from '@core/db/open';
import { silentLogger } from '@core/logging/logger';
import {
  createElevenLabsTwilioProvider,
  type ElevenLabsTwilioConfig,
  setUpAndCheckAgent,
} from '@core/providers/elevenlabs-twilio';
import type { PlaceCallRequest, ProviderEvent, VoiceAgentProvider } from '@core/providers/provider';
import { createMemoryReplayGuard } from '@core/webhooks/replay-guard';
import { startWebhookListener, type WebhookListener } from '@core/webhooks/webhook-listener';
import { createWebhookReceiver } from '@core/webhooks/webhook-receiver';
import { afterEach } from 'vitest';
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

/** A call as the engine asks for one (attempt 7 of customer 42), with `over` changed. */
export const placeRequest = (over: Partial<PlaceCallRequest> = {}): PlaceCallRequest => ({
  attemptId: 7,
  idempotencyKey: 'c1-u42-a1',
  campaignId: 1,
  customerId: 42,
  to: '+12125550105',
  from: '+15005550006',
  agentId: null,
  firstMessage: 'Hello Dana, this is Navaia Realty. This call may be recorded. Say stop to opt out.',
  prompt: 'You call about the new Brickell listing. Offer a viewing; never discuss the price.',
  voicemailMessage:
    'Hi Dana, this is Ava from Navaia Realty about a new listing near you. Call us back on 305 555 0142. To stop these calls, reply stop.',
  recordCalls: true,
  variables: { 'customer.first_name': 'Dana', company_name: 'Navaia Realty', budget_max: 450000 },
  ...over,
});

export const isFinalStatus = (e: ProviderEvent) =>
  e.type === 'status' &&
  ['completed', 'busy', 'no_answer', 'voicemail', 'failed', 'cancelled'].includes(e.status);

/** The transcript lines a provider reported, as `speaker: text`. */
export const saidLines = (events: ProviderEvent[]) =>
  events.flatMap((e) => (e.type === 'transcript' ? [`${e.speaker}: ${e.text}`] : []));

export interface ProviderRig {
  fake: FakeProviderApi;
  clock: Clock;
  provider: VoiceAgentProvider;
  events: ProviderEvent[];
  config: ElevenLabsTwilioConfig;
  /** Where the webhook receiver listens, when the rig has one. */
  publicUrl?: string;
  close(): Promise<void>;
}

export const testToolSecret = 'test-tool-secret-0001-navaia-abcdef';
export const postCallEvents = ['transcript', 'call_initiation_failure', 'answering_machine_detection'];

/**
 * The provider against its own fake of both APIs. With `webhooks`, Navaia's webhook receiver listens on
 * a local port given to the provider as its public URL, the agent is set up through the API (tools
 * attached), and ElevenLabs' post-call webhook points at the receiver — as README's checklist has it.
 */
export async function createProviderRig(
  options: {
    speed?: number;
    dialMode?: ElevenLabsTwilioConfig['dialMode'];
    fake?: Omit<FakeProviderApiOptions, 'now'>;
    clock?: Clock;
    webhooks?: boolean;
    /** Without the auth token Twilio's callbacks cannot be checked, so Navaia asks for none. */
    twilio?: Partial<ElevenLabsTwilioConfig['twilio']>;
    /** Settings' wait for an agent, as the app passes it to the provider. */
    escalationWaitSeconds?: number;
  } = {},
): Promise<ProviderRig> {
  const clock = options.clock ?? createFastClock(nyMorning, options.speed ?? 50);
  const fake = await startFakeProviderApi({ ...options.fake, now: clock.now });
  let provider: VoiceAgentProvider | undefined;
  let publicUrl: string | undefined;
  const listener: WebhookListener | undefined = options.webhooks
    ? await startWebhookListener({
        handler: createWebhookReceiver({
          provider: () => provider,
          publicUrl: () => publicUrl,
          firstDelivery: createMemoryReplayGuard(),
          logger: silentLogger,
        }),
      })
    : undefined;
  publicUrl = listener?.url;
  const config: ElevenLabsTwilioConfig = {
    ...fakeCredentials,
    twilio: { ...fakeCredentials.twilio, ...options.twilio },
    dialMode: options.dialMode ?? 'own-twilio',
    ...(listener ? { webhooks: { publicUrl: listener.url, toolSecret: testToolSecret } } : {}),
  };
  if (listener) {
    fake.setElevenLabsWebhook({
      url: `${listener.url}/webhooks/elevenlabs/events`,
      secret: fakeCredentials.elevenlabs.webhookSecret!,
      events: postCallEvents,
    });
    await setUpAndCheckAgent(config, { elevenlabsBaseUrl: fake.url, twilioBaseUrl: fake.url });
  }
  const wait = options.escalationWaitSeconds;
  const created = createElevenLabsTwilioProvider(config, {
    ...fakeApiOptions(clock, fake.url),
    ...(wait === undefined ? {} : { escalationWaitSeconds: () => wait }),
  });
  provider = created;
  const events: ProviderEvent[] = [];
  created.subscribe((e) => events.push(e));
  return {
    fake,
    clock,
    provider: created,
    events,
    config,
    publicUrl: listener?.url,
    async close() {
      await created.close?.();
      await listener?.close();
      await fake.close();
    },
  };
}

/** For a describe block whose tests each start one provider rig: it is closed after each test. */
export function providerRigPerTest() {
  let rig: ProviderRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });
  return async (options: Parameters<typeof createProviderRig>[0] = {}) => {
    rig = await createProviderRig(options);
    return rig;
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
  let listener: WebhookListener | undefined;
  let webhooks: ElevenLabsTwilioConfig['webhooks'];
  let cleanup: (() => void) | undefined;
  let current: RealProviderRun | undefined;
  let file = '';
  afterEach(async () => {
    await app?.close();
    await listener?.close();
    await fake?.close();
    cleanup?.();
    app = fake = listener = webhooks = cleanup = current = undefined;
  });
  /** The vendors reach the app through a local listener that stands for its public URL. */
  const startWebhooks = async (fakeApi: FakeProviderApi) => {
    listener = await startWebhookListener({ handler: (req, res) => app?.webhooks(req, res) ?? false });
    webhooks = { publicUrl: listener.url, toolSecret: testToolSecret };
    fakeApi.setElevenLabsWebhook({
      url: `${listener.url}/webhooks/elevenlabs/events`,
      secret: fakeCredentials.elevenlabs.webhookSecret!,
      events: postCallEvents,
    });
    await setUpAndCheckAgent(
      { ...fakeCredentials, webhooks },
      { elevenlabsBaseUrl: fakeApi.url, twilioBaseUrl: fakeApi.url },
    );
  };
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
    /** With `webhooks` the app has a public URL (a local listener) and the agent its tools. */
    async start(
      customers: TestCustomer[],
      fakeOptions: Omit<FakeProviderApiOptions, 'now'> = {},
      options: { webhooks?: boolean } = {},
    ) {
      const clock = createFastClock(nyMorning, 50);
      fake = await startFakeProviderApi({ ...fakeOptions, now: clock.now });
      if (options.webhooks) await startWebhooks(fake);
      const temp = createTempDb();
      file = temp.file;
      cleanup = temp.cleanup;
      insertCustomers(temp.db, customers, nyMorning);
      app = createRealProviderApp(temp.db, file, clock, fake.url, webhooks);
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
      app = createRealProviderApp(db, file, last.clock, last.fake.url, webhooks);
      await app.start();
      current = { ...last, app, db };
      return current;
    },
  };
}
