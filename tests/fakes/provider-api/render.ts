import { answerAtOf, type FakeCall, type Segment, viewCall, viewConversation } from './fake-calls';

/** Twilio writes dates as RFC 2822 with a numeric zone: "Tue, 24 Nov 2026 15:00:00 +0000". */
export const rfc2822 = (ms: number | undefined) =>
  ms === undefined ? null : new Date(ms).toUTCString().replace('GMT', '+0000');

const usdPerMinute = 0.014;

/** A Call resource as Twilio's REST API returns it (snake_case, strings for numbers). */
export function twilioCallJson(call: FakeCall, now: number) {
  const view = viewCall(call, now);
  const final = ['completed', 'busy', 'no-answer', 'canceled', 'failed'].includes(view.status);
  const minutes = Math.ceil(view.durationSeconds / 60);
  const uri = `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}.json`;
  return {
    sid: call.sid,
    date_created: rfc2822(call.createdAt),
    date_updated: rfc2822(Math.min(now, view.endTime ?? now)),
    parent_call_sid: null,
    account_sid: call.accountSid,
    to: call.to,
    to_formatted: call.to,
    from: call.from,
    from_formatted: call.from,
    phone_number_sid: 'PN00000000000000000000000000000001',
    status: view.status,
    start_time: rfc2822(view.startTime),
    end_time: final ? rfc2822(view.endTime) : null,
    duration: final ? String(view.durationSeconds) : null,
    price: final ? (-(minutes * usdPerMinute)).toFixed(5) : null,
    price_unit: 'USD',
    direction: 'outbound-api',
    answered_by: view.answeredBy ?? null,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri,
    subresource_uris: {
      notifications: uri.replace('.json', '/Notifications.json'),
      recordings: uri.replace('.json', '/Recordings.json'),
      events: uri.replace('.json', '/Events.json'),
    },
  };
}

export function twilioPage<T>(key: string, items: T[], uri: string, pageSize: number) {
  return {
    [key]: items.slice(0, pageSize),
    end: Math.max(0, Math.min(items.length, pageSize) - 1),
    first_page_uri: uri,
    next_page_uri: null,
    page: 0,
    page_size: pageSize,
    previous_page_uri: null,
    start: 0,
    uri,
  };
}

export const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

/** GET /v1/convai/conversations/{id} for one conversation of a call. */
export function conversationJson(segment: Segment, now: number) {
  const { status, heard, durationSecs, scenario } = viewConversation(segment, now);
  const done = status === 'done';
  const call = segment.call;
  return {
    agent_id: segment.registration.agentId,
    agent_name: 'Navaia fake agent',
    conversation_id: segment.conversationId,
    status,
    user_id: null,
    transcript: heard.map((turn) => ({
      role: turn.role,
      message: turn.message,
      tool_calls: turn.toolCall
        ? [
            {
              type: 'system',
              request_id: `req_${segment.conversationId}_${turn.atMs}`,
              tool_name: turn.toolCall,
              params_as_json: '{}',
              tool_has_been_called: true,
            },
          ]
        : [],
      tool_results: [],
      time_in_call_secs: Math.round(turn.atMs / 1000),
    })),
    metadata: {
      start_time_unix_secs: Math.floor(segment.startAt / 1000),
      call_duration_secs: durationSecs,
      cost: durationSecs * 10,
      ...(done
        ? { cost_fiat: scenario?.costFiat ?? 0.05, termination_reason: 'Call ended by remote party' }
        : {}),
      phone_call: {
        type: 'twilio',
        direction: 'outbound',
        phone_number_id: call.phoneNumberId,
        agent_number: call.from,
        external_number: call.to,
        stream_sid: `MZ${call.sid.slice(2)}`,
        call_sid: call.sid,
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
    conversation_initiation_client_data: { dynamic_variables: segment.registration.dynamicVariables },
    has_audio: done,
    has_user_audio: done,
    has_response_audio: done,
    has_auxiliary_audio: false,
  };
}

/** A conversation placed natively that was never answered: ElevenLabs reports it failed once the call ends. */
export function unansweredConversationJson(
  call: FakeCall,
  conversationId: string,
  agentId: string,
  now: number,
) {
  const view = viewCall(call, now);
  const ended = ['busy', 'no-answer', 'canceled', 'failed', 'completed'].includes(view.status);
  return {
    agent_id: agentId,
    conversation_id: conversationId,
    status: ended ? 'failed' : 'initiated',
    transcript: [],
    metadata: {
      start_time_unix_secs: Math.floor((answerAtOf(call) ?? call.createdAt) / 1000),
      call_duration_secs: 0,
    },
    analysis: null,
    has_audio: false,
    has_user_audio: false,
    has_response_audio: false,
    has_auxiliary_audio: false,
  };
}

export function conversationSummaryJson(segment: Segment, now: number) {
  const full = conversationJson(segment, now);
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
