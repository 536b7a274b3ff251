import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../logging/logger';
import {
  type CallSnapshot,
  finalProviderStatuses,
  type ProviderCallStatus,
  type ProviderEvent,
  TransientProviderError,
} from '../provider';
import { httpStatusOf, type TwilioClient } from './api-clients';
import {
  aiCostOf,
  createConversationReader,
  type FollowedCall,
  isAnalysed,
  lastConversationOf,
} from './conversation-reader';
import { lookAtNativeCall } from './native-look';
import { lookAtTwilioCall } from './twilio-look';

export type { FollowedCall } from './conversation-reader';

export interface FollowerDeps {
  clock: Clock;
  logger: Logger;
  twilio: TwilioClient;
  elevenlabs: ElevenLabsClient;
  emit(event: ProviderEvent): void;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** How long a finished call waits for ElevenLabs' analysis before it is closed without one. */
  analysisGraceMs: number;
  /** How long a finished call waits for Twilio to fill in its price. */
  priceGraceMs: number;
  /** Answered by a machine: leave the campaign's voicemail message (own-twilio). */
  leaveVoicemail(call: FollowedCall): Promise<void>;
}

/** What one look at a call found: whether anything changed (the next look then comes sooner). */
export type Look = (call: FollowedCall) => Promise<boolean>;

/**
 * Follows calls on the injected clock, backing off while nothing changes: own-twilio calls through
 * Twilio (status, answering machine, price) and ElevenLabs (transcript, analysis); native calls through
 * ElevenLabs alone, whose Twilio account may not be Navaia's. Webhooks, where a public URL is set, only
 * make a look come at once.
 */
export function createCallFollower(deps: FollowerDeps) {
  const { clock, logger } = deps;
  const reader = createConversationReader(deps);
  const base = (call: FollowedCall) => ({ callId: call.callSid, attemptId: call.attemptId, at: clock.now() });

  const snapshotOf = (
    call: FollowedCall,
    status: ProviderCallStatus,
    twilio: { durationSeconds?: number; endedAt?: number; costTelephony?: number } = {},
  ): CallSnapshot => {
    const conversation = lastConversationOf(call);
    return {
      callId: call.callSid,
      status,
      startedAt: call.placedAt,
      answeredAt: call.answeredAt,
      endedAt: twilio.endedAt ?? call.twilioEndedAt,
      durationSeconds: call.answeredAt
        ? (twilio.durationSeconds ?? conversation?.metadata.callDurationSecs ?? undefined)
        : 0,
      costTelephony: twilio.costTelephony,
      costAi: aiCostOf(call),
    };
  };

  const setStatus = (call: FollowedCall, status: ProviderCallStatus, snapshot = snapshotOf(call, status)) => {
    call.status = status;
    deps.emit({ ...base(call), type: 'status', status, snapshot });
  };

  /** The call is over: the analysis (if any) first, then the final status; the price may follow later. */
  const finish = (call: FollowedCall, status: ProviderCallStatus, snapshot = snapshotOf(call, status)) => {
    if (call.ended) return;
    call.ended = true;
    if (call.timer) clock.clearTimeout(call.timer);
    call.timer = undefined;
    if (status === 'completed') reader.emitAnalysis(call, snapshot);
    setStatus(call, status, { ...snapshot, status });
    if (snapshot.costTelephony === undefined && !call.native && call.answeredAt !== undefined)
      call.priceWaitUntil = clock.now() + deps.priceGraceMs;
    if (call.priceWaitUntil !== undefined) schedule(call, deps.maxPollIntervalMs);
  };

  const reportPrice = (call: FollowedCall, costTelephony: number | undefined) => {
    if (costTelephony === undefined && clock.now() < (call.priceWaitUntil ?? 0)) return;
    call.priceWaitUntil = undefined;
    if (costTelephony !== undefined) deps.emit({ ...base(call), type: 'cost', costTelephony });
  };

  const context = { ...deps, reader, snapshotOf, setStatus, finish, reportPrice, isAnalysed };
  const look: Look = (call) =>
    call.native ? lookAtNativeCall(context, call) : lookAtTwilioCall(context, call);

  const following = (call: FollowedCall) => !call.ended || call.priceWaitUntil !== undefined;

  const schedule = (call: FollowedCall, delayMs: number) => {
    if (!following(call)) return;
    if (call.timer) clock.clearTimeout(call.timer);
    call.timer = clock.setTimeout(() => {
      call.timer = undefined;
      void poll(call);
    }, delayMs);
  };

  const poll = async (call: FollowedCall) => {
    if (!following(call)) return;
    try {
      const changed = await look(call);
      call.intervalMs = changed
        ? deps.pollIntervalMs
        : Math.min(deps.maxPollIntervalMs, Math.round(call.intervalMs * 1.5));
      schedule(call, call.ended ? deps.maxPollIntervalMs : call.intervalMs);
    } catch (err) {
      if (httpStatusOf(err) === 404 && !(err instanceof TransientProviderError)) {
        logger.warn({ callSid: call.callSid }, 'the call is no longer known; it is counted as failed');
        call.priceWaitUntil = undefined;
        finish(call, 'failed');
        return;
      }
      const retryAfter = err instanceof TransientProviderError ? (err.retryAfterMs ?? 0) : 0;
      call.intervalMs = Math.min(deps.maxPollIntervalMs, call.intervalMs * 2);
      logger.warn({ err, callSid: call.callSid }, 'could not read the call; trying again later');
      schedule(call, Math.max(call.intervalMs, retryAfter));
    }
  };

  return {
    poll,
    schedule,
    finish,
    snapshotOf,
    reader,
    isFinal: (s: ProviderCallStatus) => finalProviderStatuses.has(s),
  };
}

export type CallFollower = ReturnType<typeof createCallFollower>;
export type FollowerContext = FollowerDeps & {
  reader: ReturnType<typeof createConversationReader>;
  snapshotOf: CallFollower['snapshotOf'];
  setStatus(call: FollowedCall, status: ProviderCallStatus, snapshot?: CallSnapshot): void;
  finish: CallFollower['finish'];
  reportPrice(call: FollowedCall, costTelephony: number | undefined): void;
  isAnalysed: typeof isAnalysed;
};
