import { ProviderError } from '@shared/errors';
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../logging/logger';
import type { CallSnapshot, PlaceCallRequest, ProviderEvent, VoiceAgentProvider } from '../provider';
import {
  createElevenLabsClient,
  createTwilioClient,
  defaultRequestTimeoutMs,
  elevenlabsCall,
} from './api-clients';
import { createCallFollower, type FollowedCall } from './call-follower';
import { navaiaStatusOfTwilio } from './call-outcome';
import { voicemailTwiml } from './call-twiml';
import type { ElevenLabsTwilioConfig, ProviderEndpoints } from './config';
import { lastConversationOf } from './conversation-reader';
import { conversationStartOf } from './conversation-start';
import { findPlacedCall } from './find-placed-call';
import { nativeStatusOf } from './native-look';
import { createCallPlacer } from './place-call';
import { createTakeover, nativeTakeoverRefusal } from './takeover';
import { createWebhookHandlers } from './webhook-handlers';

export { dynamicVariablesOf } from './conversation-start';

export interface ElevenLabsTwilioOptions {
  clock: Clock;
  logger: Logger;
  endpoints?: ProviderEndpoints;
  /** Poll interval while a call changes (default 2 s); it backs off to `maxPollIntervalMs` (15 s) when idle. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  requestTimeoutMs?: number;
  /** How long Twilio lets the phone ring (default 30 s). */
  ringTimeoutSeconds?: number;
  /** How long a finished call waits for ElevenLabs' analysis (default 5 min). */
  analysisGraceMs?: number;
  /** How long a finished call waits for Twilio's price (default 10 min). */
  priceGraceMs?: number;
  /** How long the AI keeps a customer who asked for a person before offering a callback (Settings; default 60 s). */
  escalationWaitSeconds?: () => number;
}

/**
 * Real calls: an ElevenLabs agent speaks over Twilio. In `own-twilio` mode ElevenLabs registers the
 * call and returns TwiML, and Navaia creates the Twilio call itself (it owns the call: answering-machine
 * detection with a voicemail drop, takeover); in `native` mode ElevenLabs places the call and Navaia
 * follows it through ElevenLabs. Either way the call id is the Twilio call sid. Calls are polled; with a
 * public URL the vendors' webhooks (tool calls, callbacks, post-call events) also reach
 * `receiveWebhook`, which is how a live request for a person is seen.
 */
export function createElevenLabsTwilioProvider(
  config: ElevenLabsTwilioConfig,
  options: ElevenLabsTwilioOptions,
): VoiceAgentProvider {
  const { clock, logger } = options;
  const timeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
  const twilioClient = createTwilioClient(config.twilio, options.endpoints, timeoutMs);
  const elevenlabs = createElevenLabsClient(config.elevenlabs, options.endpoints, timeoutMs);
  const listeners = new Set<(event: ProviderEvent) => void>();
  const calls = new Map<string, FollowedCall>();
  const callByKey = new Map<string, string>();
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const native = config.dialMode === 'native';
  const toolSecret = config.webhooks?.toolSecret;
  const emit = (event: ProviderEvent) => {
    for (const listener of listeners) listener(event);
  };

  const follower = createCallFollower({
    clock,
    logger,
    twilio: twilioClient,
    elevenlabs,
    emit,
    pollIntervalMs,
    maxPollIntervalMs: options.maxPollIntervalMs ?? 15_000,
    analysisGraceMs: options.analysisGraceMs ?? 5 * 60_000,
    priceGraceMs: options.priceGraceMs ?? 10 * 60_000,
    leaveVoicemail: (call) => leaveVoicemail(call),
  });

  const follow = (callSid: string, attemptId: number, extra: Partial<FollowedCall> = {}): FollowedCall => {
    const existing = calls.get(callSid);
    if (existing) return existing;
    const call: FollowedCall = {
      callSid,
      attemptId,
      agentId: config.elevenlabs.agentId,
      placedAt: clock.now(),
      conversations: [],
      lookForConversation: true,
      linesEmitted: 0,
      status: 'queued',
      mode: 'ai',
      native,
      escalatedLive: false,
      humanRequestNoted: false,
      machine: false,
      ended: false,
      intervalMs: pollIntervalMs,
      ...extra,
    };
    calls.set(callSid, call);
    if (call.idempotencyKey) callByKey.set(call.idempotencyKey, callSid);
    follower.schedule(call, pollIntervalMs);
    return call;
  };

  const agentOf = (request: Pick<PlaceCallRequest, 'agentId'>) =>
    request.agentId || config.elevenlabs.agentId;

  const registerTwiml = (
    request: PlaceCallRequest,
    from: string,
    overrides?: { firstMessage: string; prompt: string; variables: Record<string, string> },
  ) =>
    elevenlabsCall(() => {
      const start = conversationStartOf(request, { toolSecret, ...overrides });
      return elevenlabs.conversationalAi.twilio.registerCall({
        agentId: agentOf(request),
        fromNumber: from,
        toNumber: request.to,
        direction: 'outbound',
        conversationInitiationClientData: {
          ...start,
          dynamicVariables: { ...start.dynamicVariables, ...overrides?.variables },
        },
      });
    });

  /** A machine answered: the campaign's message, then hang up; counted as voicemail with the message left. */
  const leaveVoicemail = async (call: FollowedCall) => {
    if (call.voicemail !== undefined) return;
    call.voicemail = 'leaving';
    const message = call.request?.voicemailMessage ?? '';
    try {
      await twilioClient.calls(call.callSid).update({ twiml: voicemailTwiml(message) });
    } catch (err) {
      call.voicemail = undefined;
      throw err;
    }
    call.voicemail = 'left';
    if (message.trim())
      emit({
        type: 'note',
        callId: call.callSid,
        attemptId: call.attemptId,
        at: clock.now(),
        kind: 'voicemail_left',
        data: { message },
        line: `Voicemail left: ${message}`,
      });
    follower.schedule(call, pollIntervalMs);
  };

  /** What a call was placed with; after a restart, what Twilio still knows of it. */
  const requestOf = async (call: FollowedCall): Promise<PlaceCallRequest & { from: string }> => {
    if (call.request?.from) return { ...call.request, from: call.request.from };
    const tw = await twilioClient.calls(call.callSid).fetch();
    return {
      attemptId: call.attemptId,
      idempotencyKey: call.idempotencyKey ?? `attempt-${call.attemptId}`,
      campaignId: 0,
      customerId: 0,
      to: tw.to,
      agentId: call.agentId,
      firstMessage: '',
      variables: {},
      ...call.request,
      from: call.request?.from ?? tw.from,
    };
  };

  const takeover = createTakeover({
    config,
    clock,
    twilio: twilioClient,
    elevenlabs,
    emit,
    registerTwiml,
    requestOf,
    follow: (call) => follower.schedule(call, pollIntervalMs),
  });

  const callOfAttempt = (attemptId: number) => [...calls.values()].find((c) => c.attemptId === attemptId);
  const webhooks = createWebhookHandlers({
    config,
    clock,
    logger,
    emit,
    callOf: (sid) => calls.get(sid),
    callOfAttempt,
    callOfConversation: (id) => [...calls.values()].find((c) => c.conversations.some((k) => k.id === id)),
    lookNow: (call) => follower.schedule(call, 0),
    leaveVoicemail,
    takeover,
    escalationWaitSeconds: options.escalationWaitSeconds ?? (() => 60),
  });

  const liveCall = (callId: string): FollowedCall => {
    const call = calls.get(callId);
    if (!call || call.ended) throw new ProviderError(`Call ${callId} is not in progress`);
    return call;
  };

  const placer = createCallPlacer({
    config,
    clock,
    twilio: twilioClient,
    elevenlabs,
    ringTimeoutSeconds: options.ringTimeoutSeconds ?? 30,
    registerTwiml,
    agentOf,
  });

  return {
    name: 'elevenlabs-twilio',

    async placeCall(request) {
      const known = callByKey.get(request.idempotencyKey);
      if (known) return { callId: known };
      const from = request.from ?? config.twilio.callerNumbers[0];
      if (!from) throw new ProviderError('No caller number: add a Twilio number in Settings → Providers');
      const placed = native
        ? await placer.placeNative(request)
        : { callSid: await placer.placeOwn(request, from) };
      follow(placed.callSid, request.attemptId, {
        idempotencyKey: request.idempotencyKey,
        agentId: agentOf(request),
        request: { ...request, from },
        ...('conversationId' in placed && placed.conversationId
          ? { conversations: [{ id: placed.conversationId, linesEmitted: 0 }], lookForConversation: false }
          : {}),
      });
      return { callId: placed.callSid };
    },

    async getCall(callId, attemptId): Promise<CallSnapshot> {
      if (native) {
        // Picked up after a restart: followed again through ElevenLabs, by the attempt's conversations.
        const call = follow(callId, attemptId);
        await follower.reader.read(call);
        const conversation = lastConversationOf(call);
        const state = conversation ? nativeStatusOf(call, conversation) : { status: 'queued' as const };
        if ('answeredAt' in state && state.answeredAt !== undefined) call.answeredAt ??= state.answeredAt;
        return { ...follower.snapshotOf(call, state.status), status: state.status };
      }
      const tw = await twilioClient.calls(callId).fetch();
      const status = navaiaStatusOfTwilio(tw.status, tw.answeredBy);
      const placedAt = tw.dateCreated ? tw.dateCreated.getTime() : clock.now();
      // Picked up after a restart: follow it again, so its transcript and analysis still arrive.
      const followed = follow(callId, attemptId, { placedAt });
      const durationSeconds = tw.duration ? Number(tw.duration) : undefined;
      if (tw.endTime && durationSeconds !== undefined && tw.status === 'completed')
        followed.answeredAt = tw.endTime.getTime() - durationSeconds * 1000;
      else if (tw.status === 'in-progress') followed.answeredAt ??= clock.now();
      return {
        ...follower.snapshotOf(followed, status, { durationSeconds, endedAt: tw.endTime?.getTime() }),
        status,
      };
    },

    async findCallByIdempotencyKey(idempotencyKey, to, since, attemptId) {
      const known = callByKey.get(idempotencyKey);
      if (known) return known;
      const found = await findPlacedCall(
        { twilio: native ? undefined : twilioClient, elevenlabs, callerNumbers: config.twilio.callerNumbers },
        { idempotencyKey, to, since, taken: new Set(calls.keys()) },
      );
      if (!found) return undefined;
      const call = follow(found.callSid, attemptId, { placedAt: found.placedAt });
      call.idempotencyKey = idempotencyKey;
      callByKey.set(idempotencyKey, found.callSid);
      return found.callSid;
    },

    async hangUp(callId) {
      const call = calls.get(callId);
      if (call?.ended) return;
      if (native)
        throw new ProviderError(
          'ElevenLabs places the call in this mode: it ends when the conversation does',
        );
      await twilioClient.calls(callId).update({ status: 'completed' });
      if (call) follower.schedule(call, 0);
    },

    takeoverUnavailableReason: () => (native ? nativeTakeoverRefusal : undefined),

    takeOver: async (callId, agent) => takeover.takeOver(liveCall(callId), agent),

    async sendAgentMessage() {
      throw new ProviderError(
        'On a real call the agent speaks through the softphone; typed lines are for the simulator',
      );
    },

    handBack: async (callId, reason) => takeover.handBack(liveCall(callId), reason),

    receiveWebhook: (hook, firstDelivery) => webhooks.receive(hook, firstDelivery),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      for (const call of calls.values()) {
        // A poll still in flight sees `ended` and schedules nothing more.
        call.ended = true;
        call.priceWaitUntil = undefined;
        if (call.timer) clock.clearTimeout(call.timer);
      }
      calls.clear();
      listeners.clear();
    },
  };
}
