import type { HandlersOf } from '@shared/contract/define';
import type { ProviderStatus, providerMethods } from '@shared/contract/providers';
import { AppError, errorMessage } from '@shared/errors';
import type { AppContext } from '../../app-context';
import type { SecretStore } from '../../secrets/secret-store';
import { installIdOf } from '../../settings/install-id';
import { getSettings } from '../../settings/settings-store';
import {
  type ElevenLabsTwilioConfig,
  type ProviderEndpoints,
  providerEndpointsFromEnv,
  publicUrlOf,
} from '../elevenlabs-twilio/config';
import type { VoiceAgentProvider } from '../provider';
import { withCallerNumbersInE164 } from './caller-numbers';
import type { RealProviderAdapter } from './real-provider-adapter';
import { mergeCredentials, publicCredentials, storedCredentialsSchema } from './stored-credentials';
import { createSwappableProvider, realProviderName, type SwappableProvider } from './swappable-provider';

/** Voice access tokens for the softphone live this long; the SDK is re-registered for each takeover. */
const softphoneTokenSeconds = 10 * 60;

export interface ProviderSettingsOptions {
  secrets?: SecretStore;
  adapter: RealProviderAdapter;
  endpoints?: ProviderEndpoints;
  /** Told of every change of the active credentials (the desktop's webhook listener follows them). */
  onChange?(config: ElevenLabsTwilioConfig | undefined): void;
}

export interface ProviderSettings {
  provider: SwappableProvider;
  /** Removes the stored secrets from text about to be stored or shown (a provider's error may echo them). */
  redact(text: string): string;
  /** Reads the stored credentials and puts the real provider in place (on start, before the engine). */
  load(): Promise<void>;
  /** The public URL the real provider gave the vendors, if any. */
  publicUrl(): string | undefined;
  handlers: HandlersOf<typeof providerMethods>;
}

/** Every secret value in a config, to strip from any text that leaves core. */
function secretValues(config: ElevenLabsTwilioConfig): string[] {
  return [
    config.twilio.authToken,
    config.twilio.apiKeySecret,
    config.elevenlabs.apiKey,
    config.elevenlabs.webhookSecret,
    config.webhooks?.toolSecret,
  ].filter((s): s is string => Boolean(s));
}

const scrub = (text: string, config: ElevenLabsTwilioConfig) =>
  secretValues(config).reduce((t, secret) => t.replaceAll(secret, '[secret]'), text);

/**
 * Settings → Providers: keeps the ElevenLabs + Twilio credentials in the host's secret store and the
 * real provider registered as `elevenlabs-twilio` to match them. Nothing returned here carries a secret.
 */
export function createProviderSettings(
  context: AppContext,
  options: ProviderSettingsOptions,
): ProviderSettings {
  const { secrets, adapter } = options;
  const endpoints = options.endpoints ?? providerEndpointsFromEnv();
  const provider = createSwappableProvider();
  if (!context.providers.has(realProviderName)) context.providers.set(realProviderName, provider);
  let current: ElevenLabsTwilioConfig | undefined;
  let loadError: string | undefined;

  const readStored = async (): Promise<ElevenLabsTwilioConfig | undefined> => {
    if (!secrets) return undefined;
    const value = await secrets.get();
    if (value === undefined) return undefined;
    const parsed = storedCredentialsSchema.safeParse(value);
    if (!parsed.success) throw new Error('The stored provider credentials are incomplete; enter them again');
    return parsed.data;
  };

  const build = async (config: ElevenLabsTwilioConfig) => {
    try {
      return await adapter.createProvider(config, {
        db: context.db,
        clock: context.clock,
        logger: context.logger,
        endpoints,
      });
    } catch (err) {
      throw new AppError('invalid_input', scrub(errorMessage(err), config));
    }
  };

  /** Puts the provider for `config` (or none) behind the stable name; the one it replaces is closed. */
  const activate = async (config: ElevenLabsTwilioConfig | undefined, built?: VoiceAgentProvider) => {
    await provider.replace(config ? (built ?? (await build(config))) : undefined);
    current = config;
    options.onChange?.(config);
  };

  const status = (): ProviderStatus => ({
    configured: provider.configured && current !== undefined,
    storage: secrets
      ? { kind: secrets.kind, ...(secrets.warning ? { warning: secrets.warning } : {}) }
      : {
          kind: 'none',
          warning: 'This host has no secret storage: provider credentials cannot be saved here.',
        },
    ...(loadError ? { error: loadError } : {}),
    ...publicCredentials(current),
  });

  /** Swapping or removing the provider under live calls would leave nobody following them. */
  const refuseWhileCallsAreLive = () => {
    const live = context.db.$client
      .prepare(
        `select count(*) from call_attempts
         where provider = ? and state in ('dialing', 'ringing', 'in_progress', 'escalated')`,
      )
      .pluck()
      .get(realProviderName) as number;
    if (live > 0) {
      throw new AppError(
        'invalid_state',
        `${live} real ${live === 1 ? 'call is' : 'calls are'} live: stop or pause the campaigns and wait for the calls to end before changing the credentials`,
      );
    }
  };

  const requireStore = (): SecretStore => {
    if (!secrets) throw new AppError('unavailable', 'This host cannot store provider credentials');
    return secrets;
  };

  return {
    provider,
    publicUrl: () => (current ? publicUrlOf(current) : undefined),
    redact: (text) => (current ? scrub(text, current) : text),

    async load() {
      try {
        await activate(await readStored());
        loadError = undefined;
      } catch (err) {
        loadError = errorMessage(err);
        // Only the message: the error may carry the request that held a secret.
        context.logger.warn({ reason: loadError }, 'the real provider could not be started');
        await activate(undefined);
      }
    },

    handlers: {
      'providers.status': () => status(),

      async 'providers.save'(input) {
        const store = requireStore();
        refuseWhileCallsAreLive();
        // Credentials that can no longer be read are replaced by the ones being saved.
        const stored = await readStored().catch(() => undefined);
        const config = mergeCredentials(
          withCallerNumbersInE164(input, getSettings(context.db).defaultRegion),
          stored,
        );
        // Built before storing: credentials the adapter refuses are never kept.
        const built = await build(config);
        await store.set(config).catch((err: unknown) => {
          throw new AppError('unavailable', errorMessage(err));
        });
        await activate(config, built);
        loadError = undefined;
        context.logger.info(
          { accountSid: config.twilio.accountSid, dialMode: config.dialMode },
          'provider credentials saved',
        );
        return status();
      },

      async 'providers.clear'() {
        const store = requireStore();
        refuseWhileCallsAreLive();
        await store.delete();
        await activate(undefined);
        loadError = undefined;
        context.logger.info({}, 'provider credentials removed');
        return status();
      },

      async 'providers.testConnection'({ credentials }) {
        const stored = await readStored().catch(() => undefined);
        const region = getSettings(context.db).defaultRegion;
        const config = credentials
          ? mergeCredentials(withCallerNumbersInE164(credentials, region), stored)
          : stored;
        if (!config) throw new AppError('invalid_state', 'Enter the credentials to test first');
        const report = await adapter.testConnection(config, endpoints);
        return {
          twilio: { ok: report.twilio.ok, message: scrub(report.twilio.message, config) },
          elevenlabs: { ok: report.elevenlabs.ok, message: scrub(report.elevenlabs.message, config) },
          agentSetup: report.agentSetup.map((c) => ({ ...c, message: scrub(c.message, config) })),
        };
      },

      async 'providers.setUpAgent'() {
        if (!current)
          throw new AppError('invalid_state', 'Save the credentials first: the agent is set up with them');
        const config = current;
        try {
          const agentSetup = await adapter.setUpAgent(config, endpoints);
          context.logger.info({ agentId: config.elevenlabs.agentId }, 'ElevenLabs agent set up for Navaia');
          return { agentSetup: agentSetup.map((c) => ({ ...c, message: scrub(c.message, config) })) };
        } catch (err) {
          throw new AppError('unavailable', scrub(errorMessage(err), config));
        }
      },

      async 'softphone.token'({ attemptId, agentName }, caller) {
        const attempt = context.db.$client
          .prepare('select provider from call_attempts where id = ?')
          .get(attemptId) as { provider: string } | undefined;
        if (!attempt) throw new AppError('not_found', `Call ${attemptId} does not exist`);
        if (attempt.provider !== realProviderName) {
          throw new AppError('invalid_state', 'This call is not on a phone line; it needs no softphone');
        }
        if (!current || !provider.configured) {
          throw new AppError('unavailable', 'The ElevenLabs + Twilio provider is not configured');
        }
        // The token only lets this client answer calls redirected to its own identity, which happens
        // when it takes a call over; it is minted first so the softphone is listening by then.
        try {
          return await adapter.mintSoftphoneToken(
            current,
            { clientId: caller.clientId, name: agentName, installId: installIdOf(context.db) },
            softphoneTokenSeconds,
            context.clock.now(),
          );
        } catch (err) {
          throw new AppError('unavailable', scrub(errorMessage(err), current));
        }
      },
    },
  };
}
