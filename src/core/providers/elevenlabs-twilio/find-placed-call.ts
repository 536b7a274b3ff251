import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { elevenlabsCall, type TwilioClient } from './api-clients';
import { idempotencyVariable } from './conversation-start';

export interface PlacedCall {
  callSid: string;
  placedAt: number;
}

/** Twilio's clock and ours may differ a little; a call created just before `since` still counts. */
const clockSkewMs = 60_000;

/**
 * The call placed for an idempotency key, when the request that placed it never answered.
 *
 * Twilio keeps no free-form data on a call, so the key travels in the ElevenLabs conversation's
 * dynamic variables: a conversation found by `navaia_idempotency_key` names its Twilio call sid
 * exactly. Before the customer answers (own-twilio mode) there is no conversation yet; then the only
 * trace is Twilio's call list, matched by the customer's number, one of our caller numbers and the
 * time — safe because the engine never has two live attempts for one number in a campaign, and calls
 * already known to this process are excluded. Conversations are searched across agents (a campaign may
 * have its own); native calls are not in Navaia's Twilio account, so there is no `twilio` to ask.
 */
export async function findPlacedCall(
  apis: { twilio?: TwilioClient; elevenlabs: ElevenLabsClient; callerNumbers: string[] },
  query: { idempotencyKey: string; to: string; since: number; taken: ReadonlySet<string> },
): Promise<PlacedCall | undefined> {
  const page = await elevenlabsCall(() =>
    apis.elevenlabs.conversationalAi.conversations.list({
      dynamicVariableParams: [`${idempotencyVariable}:eq:${query.idempotencyKey}`],
      callStartAfterUnix: Math.floor((query.since - clockSkewMs) / 1000),
      pageSize: 5,
    }),
  );
  for (const summary of page.conversations) {
    const conversation = await elevenlabsCall(() =>
      apis.elevenlabs.conversationalAi.conversations.get(summary.conversationId),
    );
    const phoneCall = conversation.metadata.phoneCall;
    if (phoneCall?.type === 'twilio' && phoneCall.callSid)
      return { callSid: phoneCall.callSid, placedAt: conversation.metadata.startTimeUnixSecs * 1000 };
  }
  if (!apis.twilio) return undefined;
  // Newest first; not filtered by StartTime, which a call still queued or ringing does not have yet.
  const recent = await apis.twilio.calls.list({ to: query.to, limit: 20 });
  const candidates = recent
    .filter(
      (call) =>
        !query.taken.has(call.sid) &&
        (apis.callerNumbers.length === 0 || apis.callerNumbers.includes(call.from)) &&
        call.dateCreated.getTime() >= query.since - clockSkewMs,
    )
    .sort((a, b) => a.dateCreated.getTime() - b.dateCreated.getTime());
  const first = candidates[0];
  return first ? { callSid: first.sid, placedAt: first.dateCreated.getTime() } : undefined;
}
