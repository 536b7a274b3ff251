import { conversationJson } from './conversations';
import type { Json } from './fake-agents';
import { toolIdsOf } from './fake-agents';
import {
  amdVerdictOf,
  answerAtOf,
  type FakeCall,
  type FakeConversation,
  viewCall,
  viewConversation,
} from './fake-calls';
import type { FakeState } from './fake-state';
import { elevenlabsEvent, twilioCallback } from './outbox';

const once = (call: FakeCall, key: string) => {
  if (call.notified.has(key)) return false;
  call.notified.add(key);
  return true;
};

/** The values a tool's parameters may draw on: the call's dynamic variables and ElevenLabs' system ones. */
function toolVariables(conversation: FakeConversation, at: number): Json {
  const startAt = conversation.startAt ?? at;
  return {
    ...conversation.registration.dynamicVariables,
    system__agent_id: conversation.registration.agentId,
    system__conversation_id: conversation.id,
    system__call_sid: conversation.callSid,
    system__caller_id: conversation.registration.to,
    system__called_number: conversation.registration.from,
    // Updated at execution time in tool calls (ElevenLabs' dynamic variables docs).
    system__time_utc: new Date(at).toISOString(),
    system__call_duration_secs: Math.round((at - startAt) / 1000),
  };
}

/**
 * The HTTP request ElevenLabs makes for a server (webhook) tool: body properties filled by the LLM
 * (those with a description) or from dynamic variables, headers from literals or dynamic variables.
 */
export function webhookToolRequest(tool: Json, args: Json, variables: Json) {
  const schema = (tool.api_schema ?? {}) as Json;
  const body: Json = {};
  const properties = ((schema.request_body_schema as Json | undefined)?.properties ?? {}) as Record<
    string,
    Json
  >;
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property.dynamic_variable === 'string') body[name] = variables[property.dynamic_variable];
    else if (property.constant_value !== undefined) body[name] = property.constant_value;
    else if (args[name] !== undefined) body[name] = args[name];
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries((schema.request_headers ?? {}) as Json)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
    else if (value && typeof value === 'object' && 'variable_name' in value)
      headers[name.toLowerCase()] = String(variables[String((value as Json).variable_name)] ?? '');
  }
  return { url: String(schema.url ?? ''), headers, body: JSON.stringify(body) };
}

function runToolCalls(state: FakeState, conversation: FakeConversation, now: number) {
  const { startAt } = conversation;
  if (startAt === undefined) return;
  const agent = state.agents.get(conversation.registration.agentId) ?? {};
  conversation.turns.forEach((turn, index) => {
    const at = startAt + turn.atMs;
    if (!turn.toolCall || turn.toolCall.name === 'voicemail_detection' || at > now) return;
    if (conversation.endAt !== undefined && conversation.endAt < at) return;
    if (conversation.toolResults.has(index)) return;
    // The LLM can only call tools the agent has: a tool not attached is never called.
    const tool = toolIdsOf(agent)
      .map((id) => state.tools.get(id))
      .find((t) => t?.type === 'webhook' && t.name === turn.toolCall?.name);
    if (!tool) return;
    const request = webhookToolRequest(tool, turn.toolCall.params, toolVariables(conversation, at));
    conversation.toolResults.set(index, { status: 'unreachable', body: '' });
    state.outbox.push({
      label: `tool:${turn.toolCall.name}`,
      ...request,
      onResponse: (status, text) => conversation.toolResults.set(index, { status, body: text }),
    });
  });
}

function twilioEvents(state: FakeState, call: FakeCall, now: number) {
  const token = state.creds.twilio.authToken ?? '';
  const view = viewCall(call, now);
  const base = {
    CallSid: call.sid,
    AccountSid: call.accountSid,
    From: call.from,
    To: call.to,
    Direction: 'outbound-api',
  };
  const verdict = amdVerdictOf(call);
  if (verdict && verdict.at <= now && call.amd?.async && call.amd.callbackUrl && once(call, 'amd')) {
    state.outbox.push(
      twilioCallback(
        'twilio:amd',
        call.amd.callbackUrl,
        {
          ...base,
          AnsweredBy: verdict.answeredBy,
          MachineDetectionDuration: String(verdict.at - (answerAtOf(call) ?? verdict.at)),
        },
        token,
      ),
    );
  }
  const status = call.statusCallback;
  if (!status) return;
  const events: [string, boolean, string][] = [
    ['initiated', true, 'queued'],
    ['ringing', view.status !== 'queued', 'ringing'],
    ['answered', view.answered, 'in-progress'],
    ['completed', call.endedAt !== undefined && call.endedAt <= now, view.status],
  ];
  events.forEach(([event, happened, callStatus], sequence) => {
    if (!happened || !status.events.includes(event) || !once(call, `status:${event}`)) return;
    state.outbox.push(
      twilioCallback(
        `twilio:${event}`,
        status.url,
        {
          ...base,
          CallStatus: callStatus,
          SequenceNumber: String(sequence),
          Timestamp: new Date(now).toUTCString().replace('GMT', '+0000'),
          ...(event === 'completed' ? { CallDuration: String(view.durationSeconds ?? 0) } : {}),
        },
        token,
      ),
    );
  });
}

function elevenlabsEvents(state: FakeState, call: FakeCall, now: number) {
  const hook = state.elevenlabsWebhook;
  if (!hook) return;
  const send = (type: string, data: unknown) =>
    state.outbox.push(elevenlabsEvent(hook.url, hook.secret, type, data, now));
  for (const conversation of call.conversations) {
    if (conversation.postCallSent || viewConversation(conversation, now).status !== 'done') continue;
    conversation.postCallSent = true;
    if (hook.events.includes('transcript'))
      send('post_call_transcription', conversationJson(state, conversation));
  }
  const native = call.native;
  if (!native) return;
  const verdict = amdVerdictOf(call);
  if (
    verdict &&
    verdict.at <= now &&
    hook.events.includes('answering_machine_detection') &&
    once(call, 'el:amd')
  )
    send('answering_machine_detection', {
      agent_id: native.registration.agentId,
      conversation_id: native.id,
      call_sid: call.sid,
      answered_by: verdict.answeredBy,
    });
  const view = viewCall(call, now);
  const failed = call.endedAt !== undefined && call.endedAt <= now && !view.answered;
  if (failed && hook.events.includes('call_initiation_failure') && once(call, 'el:failure'))
    send('call_initiation_failure', {
      agent_id: native.registration.agentId,
      conversation_id: native.id,
      failure_reason: view.status === 'busy' ? 'busy' : view.status === 'no-answer' ? 'no-answer' : 'unknown',
      metadata: { type: 'twilio', body: { CallSid: call.sid, CallStatus: view.status } },
    });
}

/** Everything the services would send the app about `call` by `now`, queued once each. */
export function queueCallbacks(state: FakeState, call: FakeCall, now: number) {
  for (const conversation of call.conversations) runToolCalls(state, conversation, now);
  twilioEvents(state, call, now);
  elevenlabsEvents(state, call, now);
}
