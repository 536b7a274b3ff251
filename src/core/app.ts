import type { Handlers } from '../shared/contract';
import type { AppInfo } from '../shared/contract/system';
import type { AppContext } from './app-context';
import { audienceHandlers } from './audience/handlers';
import { getCampaign } from './campaigns/campaign-store';
import { campaignHandlers } from './campaigns/handlers';
import type { Clock } from './clock/clock';
import { createSystemClock } from './clock/clock';
import { customerHandlers } from './customers/handlers';
import type { Db } from './db/open';
import { createEngine, type Engine } from './engine/engine';
import { callHandlers } from './engine/handlers';
import { createEventBus, type EventBus } from './events/event-bus';
import type { Logger } from './logging/logger';
import { redactingLogger } from './logging/redacting-logger';
import { campaignAudience } from './metrics/campaign-audience';
import { metricsHandlers } from './metrics/handlers';
import type { VoiceAgentProvider } from './providers/provider';
import { createProviderSettings } from './providers/provider-settings/provider-settings';
import {
  elevenLabsTwilioAdapter,
  type RealProviderAdapter,
} from './providers/provider-settings/real-provider-adapter';
import { realProviderName } from './providers/provider-settings/swappable-provider';
import { createSimulator, type SimulatorOptions } from './providers/simulator/simulator-provider';
import { createDispatch, type Dispatch } from './rpc/dispatch';
import type { SecretStore } from './secrets/secret-store';
import { settingsHandlers } from './settings/handlers';
import { getSettings } from './settings/settings-store';
import { systemHandlers } from './system/handlers';
import { createReplayGuard } from './webhooks/replay-guard';
import { createWebhookListenerManager } from './webhooks/webhook-listener';
import { createWebhookReceiver, type WebhookHttpHandler } from './webhooks/webhook-receiver';

export interface AppDependencies {
  db: Db;
  logger: Logger;
  host: AppInfo['host'];
  dataFile: string;
  clock?: Clock;
  bus?: EventBus;
  /** Extra providers (the real one is added by the host that holds the secrets). */
  providers?: VoiceAgentProvider[];
  /** How the built-in simulator behaves (speed, faults); it is always registered as `simulator`. */
  simulator?: Omit<SimulatorOptions, 'db' | 'clock'>;
  /** Where the host keeps provider credentials; without it the real provider cannot be configured. */
  secrets?: SecretStore;
  /** The ElevenLabs + Twilio adapter; tests may pass a double. */
  realProviderAdapter?: RealProviderAdapter;
  /**
   * Run a webhook listener of its own on 127.0.0.1 (the port in Settings → Providers) while a public URL
   * is set: for hosts with no HTTP server (the desktop). Hosts with one mount `webhooks` on it instead.
   */
  webhookListener?: boolean;
  /** The public URL of a real provider passed in `providers` (rather than configured in Settings). */
  webhookPublicUrl?: string;
}

export interface NavaiaApp {
  context: AppContext;
  handlers: Handlers;
  dispatch: Dispatch;
  engine: Engine;
  /** The vendors' webhooks (tool calls, callbacks, post-call events), for a host's HTTP server. */
  webhooks: WebhookHttpHandler;
  /** Starts the engine: reconciles calls left live by a previous run, then resumes running campaigns. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The composition root: builds every service from what the host injects. */
export function createApp(deps: AppDependencies): NavaiaApp {
  // Bound once provider settings exist: until credentials are loaded there is no secret to remove.
  let redact = (text: string) => text;
  const context: AppContext = {
    db: deps.db,
    clock: deps.clock ?? createSystemClock(),
    logger: redactingLogger(deps.logger, (text) => redact(text)),
    bus:
      deps.bus ??
      createEventBus({ onError: (err) => context.logger.error({ err }, 'an event could not be delivered') }),
    host: deps.host,
    dataFile: deps.dataFile,
    providers: new Map((deps.providers ?? []).map((p) => [p.name, p])),
  };
  const clock = context.clock;
  if (!context.providers.has('simulator')) {
    context.providers.set(
      'simulator',
      createSimulator({ db: deps.db, clock, logger: context.logger, ...deps.simulator }),
    );
  }
  let webhooks: WebhookHttpHandler = () => false;
  const listener = deps.webhookListener
    ? createWebhookListenerManager((req, res) => webhooks(req, res), context.logger)
    : undefined;
  // Registers `elevenlabs-twilio` before the engine subscribes to the providers.
  const providerSettings = createProviderSettings(context, {
    secrets: deps.secrets,
    adapter: deps.realProviderAdapter ?? elevenLabsTwilioAdapter,
    onChange: (config) =>
      void listener?.apply(config?.webhooks?.publicUrl ? config.webhooks.localPort : undefined),
  });
  webhooks = createWebhookReceiver({
    provider: () => context.providers.get(realProviderName),
    publicUrl: () => providerSettings.publicUrl() ?? deps.webhookPublicUrl,
    firstDelivery: createReplayGuard(deps.db, clock),
    logger: context.logger,
  });
  redact = providerSettings.redact;
  const engine = createEngine({
    db: deps.db,
    clock,
    bus: context.bus,
    logger: context.logger,
    providers: context.providers,
    settings: () => getSettings(deps.db),
    ownerName: `${deps.host} host`,
    // Provider errors are stored and shown without the credentials they may echo.
    redact: providerSettings.redact,
  });
  const handlers: Handlers = {
    ...systemHandlers(context),
    ...customerHandlers(context),
    ...settingsHandlers(context),
    ...audienceHandlers(context),
    ...campaignHandlers(context),
    ...callHandlers(context, engine),
    ...providerSettings.handlers,
    ...metricsHandlers(context, (campaignId) => {
      const { criteria } = getCampaign(context.db, campaignId);
      const { frequencyCapDays } = getSettings(context.db);
      return campaignAudience(context.db, campaignId, criteria, {
        now: context.clock.now(),
        frequencyCapDays,
      });
    }),
  };
  return {
    context,
    handlers,
    dispatch: createDispatch(handlers, context.logger),
    engine,
    webhooks: (req, res) => webhooks(req, res),
    async start() {
      await providerSettings.load();
      await engine.start();
    },
    async close() {
      await listener?.close();
      await engine.close();
      context.bus.close();
      for (const provider of context.providers.values()) await provider.close?.();
      context.db.$client.close();
    },
  };
}
