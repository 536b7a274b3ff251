import { conversationJson, conversationSummaryJson, createConversation } from './conversations';
import { deepMerge, type Json, toolResponseJson } from './fake-agents';
import type { FakeCall, Registration } from './fake-calls';
import type { FakeState } from './fake-state';
import type { LoggedRequest, Reply } from './http';
import { json } from './http';

const notFound = (what: string) =>
  json(404, { detail: { status: 'not_found', message: `${what} not found` } });
const invalid = (message: string) =>
  json(422, { detail: [{ loc: ['body'], msg: message, type: 'value_error' }] });

function register(state: FakeState, body: Json, to: string, from: string, native?: Registration['native']) {
  const clientData = (body.conversation_initiation_client_data ?? {}) as Json;
  const registration: Registration = {
    id: state.id('reg_', 12),
    agentId: String(body.agent_id),
    from,
    to,
    clientData,
    dynamicVariables: (clientData.dynamic_variables ?? {}) as Json,
    native,
  };
  state.registrations.set(registration.id, registration);
  return registration;
}

/** The part of ElevenLabs' API Navaia uses: register-call, outbound-call, conversations, agents, tools, settings. */
export function elevenlabsRoutes(
  state: FakeState,
  newCall: (
    c: Omit<FakeCall, 'sid' | 'createdAt' | 'activities' | 'conversations' | 'updates' | 'notified'>,
  ) => FakeCall,
) {
  const { creds } = state;
  return (req: LoggedRequest): Reply => {
    if (req.headers['xi-api-key'] !== creds.elevenlabs.apiKey)
      return json(401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
    const body = req.body;
    const path = req.path;
    if (req.method === 'POST' && path === '/v1/convai/twilio/register-call') {
      if (!state.agents.has(String(body.agent_id))) return notFound('Agent');
      const registration = register(state, body, String(body.to_number), String(body.from_number));
      return {
        status: 200,
        text: `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://api.elevenlabs.io/v1/convai/conversation/twilio"><Parameter name="registration_id" value="${registration.id}"/></Stream></Connect></Response>`,
        headers: { 'content-type': 'text/xml' },
      };
    }
    if (req.method === 'POST' && path === '/v1/convai/twilio/outbound-call') {
      if (body.agent_phone_number_id !== creds.elevenlabs.phoneNumberId) return notFound('Phone number');
      if (!state.agents.has(String(body.agent_id))) return notFound('Agent');
      const telephony = (body.telephony_call_config ?? {}) as Json;
      const detection = (telephony.twilio_machine_detection as Json | undefined)?.mode;
      const from = creds.twilio.callerNumbers[0];
      const registration = register(state, body, String(body.to_number), from, {
        machineDetection: typeof detection === 'string' ? detection : undefined,
      });
      const call = newCall({
        accountSid: state.nativeAccountSid,
        to: String(body.to_number),
        from,
        scenario: state.scenarioFor(String(body.to_number)),
        phoneNumberId: creds.elevenlabs.phoneNumberId,
        ringTimeoutMs: Number(telephony.ringing_timeout_secs ?? 60) * 1000,
        amd: detection
          ? { mode: detection === 'detect_message_end' ? 'DetectMessageEnd' : 'Enable', async: true }
          : undefined,
        initialVerbs: [],
      });
      call.native = createConversation(state, call, registration, call.createdAt);
      return json(200, {
        success: true,
        message: 'Success',
        conversation_id: call.native.id,
        callSid: call.sid,
      });
    }
    const conversationPath = /^\/v1\/convai\/conversations\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && conversationPath) {
      const conversation = state.conversations.get(conversationPath[1]);
      return conversation ? json(200, conversationJson(state, conversation)) : notFound('Conversation');
    }
    if (req.method === 'GET' && path === '/v1/convai/conversations') {
      const filters = req.query.getAll('dynamic_variable_params').map((f) => f.split(':'));
      const after = Number(req.query.get('call_start_after_unix') ?? 0);
      const agent = req.query.get('agent_id');
      const found = [...state.conversations.values()]
        .filter(
          (c) => (c.startAt ?? c.createdAt) <= state.now() && (c.startAt ?? c.createdAt) / 1000 >= after,
        )
        .filter((c) => !agent || c.registration.agentId === agent)
        .filter((c) =>
          filters.every(([name, op, ...rest]) => {
            // The filter's value is text, compared with the variable as it was stored: a number sent as
            // a dynamic variable (7) is not the text "7".
            const actual = c.registration.dynamicVariables[name];
            const wanted = rest.join(':');
            return op === 'neq' ? actual !== wanted : actual === wanted;
          }),
        )
        .sort((a, b) => (b.startAt ?? b.createdAt) - (a.startAt ?? a.createdAt));
      const pageSize = Number(req.query.get('page_size') ?? 30);
      return json(200, {
        conversations: found.slice(0, pageSize).map((c) => conversationSummaryJson(state, c)),
        has_more: found.length > pageSize,
        next_cursor: null,
      });
    }
    const agentPath = /^\/v1\/convai\/agents\/([^/]+)$/.exec(path);
    if (agentPath) {
      const agent = state.agents.get(agentPath[1]);
      if (!agent) return notFound('Agent');
      if (req.method === 'PATCH') {
        const { conversation_config, platform_settings, name, tags } = body;
        const patch = Object.fromEntries(
          Object.entries({ conversation_config, platform_settings, name, tags }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        const next = deepMerge(agent, patch);
        state.agents.set(agentPath[1], next);
        return json(200, next);
      }
      if (req.method === 'GET') return json(200, agent);
    }
    if (path === '/v1/convai/tools' && req.method === 'POST') {
      const config = body.tool_config as Json | undefined;
      if (!config?.name || !config.type) return invalid('tool_config needs a type and a name');
      const id = state.id('tool_', 20);
      state.tools.set(id, config);
      return json(200, toolResponseJson(id, config));
    }
    if (path === '/v1/convai/tools' && req.method === 'GET') {
      return json(200, {
        tools: [...state.tools].map(([id, c]) => toolResponseJson(id, c)),
        has_more: false,
      });
    }
    const toolPath = /^\/v1\/convai\/tools\/([^/]+)$/.exec(path);
    if (toolPath) {
      const config = state.tools.get(toolPath[1]);
      if (!config) return notFound('Tool');
      if (req.method === 'PATCH') {
        const next = body.tool_config as Json;
        state.tools.set(toolPath[1], next);
        return json(200, toolResponseJson(toolPath[1], next));
      }
      return json(200, toolResponseJson(toolPath[1], config));
    }
    const numberPath = /^\/v1\/convai\/phone-numbers\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && numberPath) {
      if (numberPath[1] !== creds.elevenlabs.phoneNumberId) return notFound('Phone number');
      return json(200, {
        provider: 'twilio',
        phone_number: creds.twilio.callerNumbers[0],
        label: 'Navaia main line',
        phone_number_id: numberPath[1],
        supports_inbound: true,
        supports_outbound: true,
      });
    }
    if (req.method === 'GET' && path === '/v1/convai/settings') {
      const hook = state.elevenlabsWebhook;
      return json(200, { webhooks: hook ? { post_call_webhook_id: hook.id, events: hook.events } : {} });
    }
    if (req.method === 'GET' && path === '/v1/workspace/webhooks') {
      const hook = state.elevenlabsWebhook;
      return json(200, {
        webhooks: hook
          ? [
              {
                name: 'Navaia',
                webhook_id: hook.id,
                webhook_url: hook.url,
                is_disabled: false,
                is_auto_disabled: false,
                created_at_unix: 1_700_000_000,
                auth_type: 'hmac',
              },
            ]
          : [],
      });
    }
    return notFound('Route');
  };
}
