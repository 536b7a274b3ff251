import { ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js';
import { errorMessage, ProviderError } from '@shared/errors';
import { TransientProviderError } from '../provider';
import { checkAgentSetup, setUpAgent } from './agent-setup';
import {
  classifyElevenLabsError,
  createElevenLabsClient,
  createTwilioClient,
  httpStatusOf,
} from './api-clients';
import type {
  ConnectionCheck,
  ConnectionReport,
  ElevenLabsTwilioConfig,
  ProviderEndpoints,
  SetupCheck,
} from './config';

/** Connection checks answer quickly: a settings screen should not hang on an unreachable host. */
const checkTimeoutMs = 8_000;

/** One line a supervisor can act on, for a failed request to `service`. */
function explain(service: 'Twilio' | 'ElevenLabs', what: string, err: unknown): string {
  if (err instanceof ElevenLabsTimeoutError)
    return `${service} did not answer within ${checkTimeoutMs / 1000} s`;
  const classified = service === 'ElevenLabs' ? classifyElevenLabsError(err) : err;
  if (classified instanceof TransientProviderError) return classified.message;
  const status = httpStatusOf(err);
  if (status === 401 || status === 403)
    return service === 'Twilio'
      ? `Twilio rejected the credentials (${status}): check the Account SID and auth token or API key`
      : `ElevenLabs rejected the API key (${status})`;
  if (status === 404) return `${service} has no ${what} (404)`;
  if (status !== undefined) return `${service} answered ${status} for the ${what}`;
  return `${service} could not be reached: ${errorMessage(err)}`;
}

async function checkTwilio(
  config: ElevenLabsTwilioConfig,
  endpoints: ProviderEndpoints,
): Promise<ConnectionCheck> {
  const { accountSid, callerNumbers } = config.twilio;
  if (!accountSid) return { ok: false, message: 'Twilio: the Account SID is missing' };
  const apiKey = Boolean(config.twilio.apiKeySid && config.twilio.apiKeySecret);
  if (!config.twilio.authToken && !apiKey)
    return { ok: false, message: 'Twilio: add the auth token or an API key SID and secret' };
  const client = createTwilioClient(config.twilio, endpoints, checkTimeoutMs);
  // Standard API keys may not read the Accounts resource: with one, the caller numbers are the check.
  let who = 'The Twilio API key works and the account';
  if (!apiKey) {
    let account: Awaited<ReturnType<ReturnType<typeof client.api.v2010.accounts>['fetch']>>;
    try {
      account = await client.api.v2010.accounts(accountSid).fetch();
    } catch (err) {
      return { ok: false, message: explain('Twilio', `account ${accountSid}`, err) };
    }
    if (account.status !== 'active')
      return { ok: false, message: `Twilio account "${account.friendlyName}" is ${account.status}` };
    who = `Twilio account "${account.friendlyName}" is active and`;
  }
  const missing: string[] = [];
  for (const phoneNumber of callerNumbers) {
    try {
      const owned = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
      if (owned.length === 0) missing.push(phoneNumber);
    } catch (err) {
      return { ok: false, message: explain('Twilio', `number ${phoneNumber}`, err) };
    }
  }
  if (missing.length > 0) return { ok: false, message: `${who} does not own ${missing.join(', ')}` };
  if (callerNumbers.length === 0) return { ok: false, message: `${who} works, but no caller number is set` };
  return {
    ok: true,
    message: `${who} owns ${callerNumbers.length} caller number${callerNumbers.length === 1 ? '' : 's'}`,
  };
}

/** The agent setup items without which calls go wrong (not merely less live). */
const blocking: ReadonlySet<SetupCheck['item']> = new Set(['overrides', 'audio']);

async function checkElevenLabs(
  config: ElevenLabsTwilioConfig,
  endpoints: ProviderEndpoints,
): Promise<{ check: ConnectionCheck; agentSetup: SetupCheck[] }> {
  const { apiKey, agentId, phoneNumberId } = config.elevenlabs;
  const only = (check: ConnectionCheck) => ({ check, agentSetup: [] });
  if (!apiKey) return only({ ok: false, message: 'ElevenLabs: the API key is missing' });
  if (!agentId) return only({ ok: false, message: 'ElevenLabs: choose the agent that speaks' });
  const client = createElevenLabsClient(config.elevenlabs, endpoints, checkTimeoutMs);
  let agentSetup: SetupCheck[];
  let agentName: string;
  try {
    const agent = await client.conversationalAi.agents.get(agentId);
    agentName = agent.name;
    agentSetup = await checkAgentSetup(client, config, agent);
  } catch (err) {
    return only({ ok: false, message: explain('ElevenLabs', `agent ${agentId}`, err) });
  }
  const wrong = agentSetup.filter((c) => !c.ok && blocking.has(c.item));
  if (wrong.length > 0)
    return {
      check: {
        ok: false,
        message: `ElevenLabs agent "${agentName}" is not set up: ${wrong.map((c) => c.message).join('; ')}`,
      },
      agentSetup,
    };
  if (!phoneNumberId) {
    return {
      check:
        config.dialMode === 'native'
          ? {
              ok: false,
              message: `ElevenLabs agent "${agentName}" found, but native dialling needs its phone number id`,
            }
          : { ok: true, message: `ElevenLabs agent "${agentName}" is ready` },
      agentSetup,
    };
  }
  try {
    const number = await client.conversationalAi.phoneNumbers.get(phoneNumberId);
    return {
      check: { ok: true, message: `ElevenLabs agent "${agentName}" is ready on ${number.phoneNumber}` },
      agentSetup,
    };
  } catch (err) {
    return {
      check: { ok: false, message: explain('ElevenLabs', `phone number ${phoneNumberId}`, err) },
      agentSetup,
    };
  }
}

/** Harmless read-only requests that show whether the settings work, one line per service. */
export async function testConnection(
  config: ElevenLabsTwilioConfig,
  endpoints: ProviderEndpoints = {},
): Promise<ConnectionReport> {
  const [twilio, elevenlabs] = await Promise.all([
    checkTwilio(config, endpoints),
    checkElevenLabs(config, endpoints),
  ]);
  return { twilio, elevenlabs: elevenlabs.check, agentSetup: elevenlabs.agentSetup };
}

/** Sets the configured agent up for Navaia's calls, then reads it back through the checklist. */
export async function setUpAndCheckAgent(
  config: ElevenLabsTwilioConfig,
  endpoints: ProviderEndpoints = {},
): Promise<SetupCheck[]> {
  const client = createElevenLabsClient(config.elevenlabs, endpoints, checkTimeoutMs);
  const agentId = config.elevenlabs.agentId;
  try {
    await setUpAgent(client, config, agentId);
    return await checkAgentSetup(client, config, await client.conversationalAi.agents.get(agentId));
  } catch (err) {
    throw new ProviderError(explain('ElevenLabs', `agent ${agentId}`, err));
  }
}
