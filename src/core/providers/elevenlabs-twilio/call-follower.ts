import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { Clock, TimerHandle } from '../../clock/clock';
import type { Logger } from '../../logging/logger';
import {
  type CallSnapshot,
  finalProviderStatuses,
  type ProviderCallStatus,
  type ProviderEvent,
  TransientProviderError,
} from '../provider';
import { elevenlabsCall, httpStatusOf, type TwilioClient } from './api-clients';
import {
  dispositionOf,
  escalationReasonOf,
  isPositiveDisposition,
  navaiaStatusOfTwilio,
  twilioPrice,
} from './call-outcome';

/** One call being followed: what has already been told to the engine, so nothing is said twice. */
export interface FollowedCall {
  callSid: string;
  attemptId: number;
  idempotencyKey?: string;
  placedAt: number;
  /** Conversations of this call already finished with (a hand-back starts a new one). */
  pastConversations: string[];
  conversationId?: string;
  lastConversation?: ElevenLabs.GetConversationResponseModel;
  /** Transcript turns already emitted, over all conversations of the call. */
  linesEmitted: number;
  /** `linesEmitted` when the current conversation began. */
  conversationLinesStart: number;
  status: ProviderCallStatus;
  mode: 'ai' | 'human';
  escalated: boolean;
  ended: boolean;
  answeredAt?: number;
  twilioEndedAt?: number;
  timer?: TimerHandle;
  intervalMs: number;
}

export interface FollowerDeps {
  clock: Clock;
  logger: Logger;
  twilio: TwilioClient;
  elevenlabs: ElevenLabsClient;
  agentId: string;
  emit(event: ProviderEvent): void;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** How long a finished call waits for ElevenLabs' analysis before it is closed without one. */
  analysisGraceMs: number;
}

type TwilioCall = Awaited<ReturnType<ReturnType<TwilioClient['calls']>['fetch']>>;

export const attemptVariable = 'navaia_attempt_id';
export const idempotencyVariable = 'navaia_idempotency_key';

/**
 * Follows calls by polling Twilio (call status, answering machine, price) and ElevenLabs (transcript,
 * hand-off, analysis) on the injected clock, backing off while nothing changes.
 */
export function createCallFollower(deps: FollowerDeps) {
  const { clock, logger, twilio, elevenlabs } = deps;

  const base = (call: FollowedCall) => ({ callId: call.callSid, attemptId: call.attemptId, at: clock.now() });

  const snapshotOf = (call: FollowedCall, status: ProviderCallStatus, tw?: TwilioCall): CallSnapshot => {
    const conversation = call.lastConversation;
    const twilioDuration = tw?.duration ? Number(tw.duration) : undefined;
    return {
      callId: call.callSid,
      status,
      startedAt: call.placedAt,
      answeredAt: call.answeredAt,
      endedAt: tw?.endTime ? tw.endTime.getTime() : call.twilioEndedAt,
      durationSeconds: call.answeredAt
        ? (twilioDuration ?? conversation?.metadata.callDurationSecs ?? undefined)
        : 0,
      costTelephony: twilioPrice(tw?.price),
      costAi: conversation?.metadata.costFiat ?? undefined,
    };
  };

  const setStatus = (call: FollowedCall, status: ProviderCallStatus, tw?: TwilioCall) => {
    call.status = status;
    deps.emit({ ...base(call), type: 'status', status, snapshot: snapshotOf(call, status, tw) });
  };

  /** Emits the conversation's new turns and a hand-off; true when something was new. */
  const readConversation = async (call: FollowedCall): Promise<boolean> => {
    if (!call.conversationId) {
      const found = await findConversationOfAttempt(call);
      if (!found) return false;
      call.conversationId = found;
      call.conversationLinesStart = call.linesEmitted;
    }
    const id = call.conversationId;
    const conversation = await elevenlabsCall(() => elevenlabs.conversationalAi.conversations.get(id));
    const previous = call.lastConversation;
    call.lastConversation = conversation;
    let changed = previous?.status !== conversation.status;
    const turns = conversation.transcript.filter((t) => (t.message ?? '').trim() !== '');
    const startedAt = conversation.metadata.startTimeUnixSecs * 1000;
    for (const turn of turns.slice(call.linesEmitted - call.conversationLinesStart)) {
      const order = call.linesEmitted++;
      changed = true;
      deps.emit({
        ...base(call),
        // When it was said, not when it was read: lines of a call read after a restart keep their time.
        at: startedAt > 0 ? startedAt + turn.timeInCallSecs * 1000 : clock.now(),
        type: 'transcript',
        speaker: turn.role === 'user' ? 'customer' : 'ai',
        text: turn.message!.trim(),
        turn: order,
      });
    }
    const reason = call.escalated ? undefined : escalationReasonOf(conversation);
    if (reason && call.mode === 'ai') {
      call.escalated = true;
      deps.emit({ ...base(call), type: 'escalation', reason });
    }
    return changed;
  };

  const findConversationOfAttempt = async (call: FollowedCall): Promise<string | undefined> => {
    const page = await elevenlabsCall(() =>
      elevenlabs.conversationalAi.conversations.list({
        agentId: deps.agentId,
        dynamicVariableParams: [`${attemptVariable}:eq:${call.attemptId}`],
        callStartAfterUnix: Math.floor(call.placedAt / 1000) - 300,
        pageSize: 10,
      }),
    );
    const fresh = page.conversations
      .filter((c) => !call.pastConversations.includes(c.conversationId))
      .sort((a, b) => a.startTimeUnixSecs - b.startTimeUnixSecs);
    return fresh[0]?.conversationId;
  };

  const finish = (call: FollowedCall, status: ProviderCallStatus, tw?: TwilioCall) => {
    if (call.ended) return;
    call.ended = true;
    if (call.timer) clock.clearTimeout(call.timer);
    const conversation = call.lastConversation;
    if (status === 'completed' && conversation && ['done', 'failed'].includes(conversation.status)) {
      const snap = snapshotOf(call, status, tw);
      const disposition = dispositionOf(conversation);
      deps.emit({
        ...base(call),
        type: 'analysis',
        disposition,
        converted: isPositiveDisposition(disposition),
        summary: conversation.analysis?.transcriptSummary || undefined,
        costTelephony: snap.costTelephony ?? 0,
        costAi: snap.costAi ?? 0,
        durationSeconds: snap.durationSeconds ?? 0,
      });
    }
    setStatus(call, status, tw);
  };

  /** One look at the call; true when anything changed (the next look then comes sooner). */
  const look = async (call: FollowedCall): Promise<boolean> => {
    const tw = await twilio.calls(call.callSid).fetch();
    const status = navaiaStatusOfTwilio(tw.status, tw.answeredBy);
    let changed = false;
    if (status === 'voicemail' && !finalProviderStatuses.has(navaiaStatusOfTwilio(tw.status))) {
      // A machine answered: leave no message, free the line, count it as voicemail.
      await twilio.calls(call.callSid).update({ status: 'completed' });
      finish(call, 'voicemail', tw);
      return true;
    }
    if (!finalProviderStatuses.has(status)) {
      if (status === 'in_progress' && call.answeredAt === undefined)
        call.answeredAt = tw.startTime ? tw.startTime.getTime() : clock.now();
      if (status !== call.status && (status === 'ringing' || status === 'in_progress')) {
        setStatus(call, status, tw);
        changed = true;
      }
      if (status === 'in_progress' && call.mode === 'ai') changed = (await readConversation(call)) || changed;
      return changed;
    }
    call.twilioEndedAt ??= tw.endTime ? tw.endTime.getTime() : clock.now();
    if (status === 'completed') {
      call.answeredAt ??= tw.startTime ? tw.startTime.getTime() : undefined;
      // The call is over; ElevenLabs still needs a moment to write the transcript and analysis.
      if (call.mode === 'ai' || call.conversationId) changed = (await readConversation(call)) || changed;
      const analysed = call.lastConversation && ['done', 'failed'].includes(call.lastConversation.status);
      if (!analysed && clock.now() - call.twilioEndedAt < deps.analysisGraceMs) return changed;
    }
    finish(call, status, tw);
    return true;
  };

  const schedule = (call: FollowedCall, delayMs: number) => {
    if (call.ended) return;
    if (call.timer) clock.clearTimeout(call.timer);
    call.timer = clock.setTimeout(() => {
      call.timer = undefined;
      void poll(call);
    }, delayMs);
  };

  const poll = async (call: FollowedCall) => {
    if (call.ended) return;
    try {
      const changed = await look(call);
      call.intervalMs = changed
        ? deps.pollIntervalMs
        : Math.min(deps.maxPollIntervalMs, Math.round(call.intervalMs * 1.5));
      schedule(call, call.intervalMs);
    } catch (err) {
      if (httpStatusOf(err) === 404 && !(err instanceof TransientProviderError)) {
        logger.warn({ callSid: call.callSid }, 'Twilio no longer knows this call; it is counted as failed');
        finish(call, 'failed');
        return;
      }
      const retryAfter = err instanceof TransientProviderError ? (err.retryAfterMs ?? 0) : 0;
      call.intervalMs = Math.min(deps.maxPollIntervalMs, call.intervalMs * 2);
      logger.warn({ err, callSid: call.callSid }, 'could not read the call; trying again later');
      schedule(call, Math.max(call.intervalMs, retryAfter));
    }
  };

  return { poll, schedule, finish, snapshotOf };
}
