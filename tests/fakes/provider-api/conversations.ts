import { conversationSetup, voicemailToolMessageOf } from './fake-agents';
import {
  type FakeCall,
  type FakeConversation,
  type Registration,
  sayMs,
  viewCall,
  viewConversation,
} from './fake-calls';
import type { FakeState } from './fake-state';
import type { ScriptedTurn } from './scenarios';

/** After a hand-back the customer wraps up with the agent's new conversation. */
const closingTurns: ScriptedTurn[] = [
  { role: 'user', message: 'Great, that answers my question.', atMs: 3_000 },
  { role: 'agent', message: 'Wonderful. Have a good day!', atMs: 5_000 },
];
const machineGreeting = 'Hi, you have reached my voicemail. Please leave a message after the tone.';
/** The agent's first words come half a second after the stream opens. */
const firstMessageAtMs = 500;

/**
 * A conversation of `registration`'s agent on `call`: what it says first (override or the agent's own),
 * what the customer (or machine) answers, and when the agent ends it.
 */
export function createConversation(
  state: FakeState,
  call: FakeCall,
  registration: Registration,
  createdAt: number,
): FakeConversation {
  const agent = state.agents.get(registration.agentId) ?? {};
  const { firstMessage, prompt, fill } = conversationSetup(agent, registration.clientData);
  const greeting: ScriptedTurn[] = firstMessage
    ? [{ role: 'agent', message: firstMessage, atMs: firstMessageAtMs }]
    : [];
  const scenario = call.scenario;
  let turns: ScriptedTurn[];
  let scriptEndMs: number;
  if (scenario.kind === 'voicemail') {
    turns = [...greeting, { role: 'user', message: machineGreeting, atMs: 1_200 }];
    scriptEndMs = Infinity;
    // Native calls: the agent's voicemail_detection system tool leaves its message and ends the call.
    const voicemail = registration.native ? voicemailToolMessageOf(agent) : undefined;
    if (voicemail !== undefined) {
      const message = fill(voicemail);
      turns.push({
        role: 'agent',
        message,
        atMs: 6_500,
        toolCall: { name: 'voicemail_detection', params: { voicemail_message: message } },
      });
      scriptEndMs = 6_500 + sayMs(message);
    }
  } else {
    const script =
      scenario.kind === 'conversation' && call.conversations.length === 0 ? scenario.turns : closingTurns;
    turns = [...greeting, ...script];
    scriptEndMs = (turns.at(-1)?.atMs ?? 0) + 1_000;
  }
  const conversation: FakeConversation = {
    id: state.id('conv_', 20),
    callSid: call.sid,
    registration,
    createdAt,
    firstMessage,
    prompt,
    turns,
    scriptEndMs,
    analysisMs: scenario.kind === 'conversation' ? (scenario.analysisMs ?? 2_000) : 2_000,
    toolResults: new Map(),
  };
  call.conversations.push(conversation);
  state.conversations.set(conversation.id, conversation);
  return conversation;
}

/** GET /v1/convai/conversations/{id}. */
export function conversationJson(state: FakeState, conversation: FakeConversation) {
  const now = state.now();
  const { status, heard, durationSecs } = viewConversation(conversation, now);
  const call = state.calls.get(conversation.callSid);
  const scenario = call?.scenario.kind === 'conversation' ? call.scenario : undefined;
  const done = status === 'done';
  const startedAt = conversation.startAt ?? conversation.createdAt;
  const ended = status !== 'initiated' && status !== 'in-progress';
  return {
    agent_id: conversation.registration.agentId,
    agent_name: String(state.agents.get(conversation.registration.agentId)?.name ?? ''),
    conversation_id: conversation.id,
    status,
    transcript: heard.map((turn) => {
      const index = conversation.turns.indexOf(turn);
      const tool = turn.toolCall;
      return {
        role: turn.role,
        message: turn.message,
        tool_calls:
          tool && (conversation.toolResults.has(index) || tool.name === 'voicemail_detection')
            ? [
                {
                  type: tool.name === 'voicemail_detection' ? 'system' : 'webhook',
                  request_id: `req_${conversation.id}_${index}`,
                  tool_name: tool.name,
                  params_as_json: JSON.stringify(tool.params),
                  tool_has_been_called: true,
                },
              ]
            : [],
        tool_results: [],
        time_in_call_secs: Math.round(turn.atMs / 1000),
      };
    }),
    metadata: {
      start_time_unix_secs: Math.floor(startedAt / 1000),
      ...(conversation.startAt !== undefined
        ? { accepted_time_unix_secs: Math.floor(conversation.startAt / 1000) }
        : {}),
      call_duration_secs: durationSecs,
      cost: durationSecs * 10,
      ...(done ? { cost_fiat: scenario?.costFiat ?? 0.05 } : {}),
      ...(ended ? { termination_reason: terminationReasonOf(state, conversation, status) } : {}),
      phone_call: {
        type: 'twilio',
        direction: 'outbound',
        phone_number_id: call?.phoneNumberId ?? '',
        agent_number: conversation.registration.from,
        external_number: conversation.registration.to,
        stream_sid: `MZ${conversation.callSid.slice(2)}`,
        call_sid: conversation.callSid,
      },
    },
    analysis: done
      ? {
          call_successful: scenario?.callSuccessful ?? 'unknown',
          transcript_summary: `The agent spoke with the customer for ${durationSecs} seconds.`,
          evaluation_criteria_results: {},
          data_collection_results: {
            ...(scenario?.disposition
              ? {
                  disposition: {
                    data_collection_id: 'disposition',
                    value: scenario.disposition,
                    rationale: 'What the customer decided.',
                  },
                }
              : {}),
            ...(scenario?.wantsHuman
              ? {
                  wants_human: {
                    data_collection_id: 'wants_human',
                    value: true,
                    rationale: 'Asked for a person.',
                  },
                }
              : {}),
          },
        }
      : null,
    conversation_initiation_client_data: conversation.registration.clientData,
    has_audio: done,
    has_user_audio: done,
    has_response_audio: done,
    has_auxiliary_audio: false,
  };
}

/**
 * Why a conversation ended. ElevenLabs' wording is not documented; for a call that never connected the
 * fake names Twilio's final status in it, which is what Navaia reads (busy, no-answer).
 */
function terminationReasonOf(state: FakeState, conversation: FakeConversation, status: string): string {
  const call = state.calls.get(conversation.callSid);
  if (status === 'failed' && call)
    return `Call not answered: Twilio status ${viewCall(call, state.now()).status}`;
  return conversation.turns.some((t) => t.toolCall?.name === 'voicemail_detection')
    ? 'Voicemail detected'
    : 'Call ended';
}

export function conversationSummaryJson(state: FakeState, conversation: FakeConversation) {
  const full = conversationJson(state, conversation);
  return {
    agent_id: full.agent_id,
    agent_name: full.agent_name,
    conversation_id: full.conversation_id,
    start_time_unix_secs: full.metadata.start_time_unix_secs,
    call_duration_secs: full.metadata.call_duration_secs,
    message_count: full.transcript.length,
    status: full.status,
    call_successful: full.analysis?.call_successful ?? 'unknown',
    direction: 'outbound',
  };
}
