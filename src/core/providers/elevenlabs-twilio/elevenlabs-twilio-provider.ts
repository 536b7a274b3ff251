import twilio from 'twilio';
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../logging/logger';
import type {
  CallSnapshot,
  PlaceCallRequest,
  ProviderEvent,
  TakeoverSession,
  VoiceAgentProvider,
} from '../provider';
import {
  createElevenLabsClient,
  createTwilioClient,
  defaultRequestTimeoutMs,
  elevenlabsCall,
} from './api-clients';
import { attemptVariable, createCallFollower, type FollowedCall, idempotencyVariable } from './call-follower';
import { navaiaStatusOfTwilio } from './call-outcome';
import type { ElevenLabsTwilioConfig, ProviderEndpoints } from './config';
import { findPlacedCall } from './find-placed-call';
import { softphoneIdentityOf } from './softphone-token';

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
}

/** ElevenLabs dynamic variables are `[A-Za-z0-9_]` names: `customer.first_name` → `customer_first_name`. */
export function dynamicVariablesOf(request: PlaceCallRequest): Record<string, string | number> {
  const variables: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(request.variables))
    variables[name.replace(/[^A-Za-z0-9_]/g, '_')] = value;
  variables.first_message = request.firstMessage;
  variables[attemptVariable] = request.attemptId;
  variables[idempotencyVariable] = request.idempotencyKey;
  return variables;
}

/**
 * Real calls: an ElevenLabs agent speaks over Twilio. In `own-twilio` mode ElevenLabs registers the
 * call and returns TwiML, and Navaia creates the Twilio call itself (it owns the call sid: takeover,
 * answering-machine detection); in `native` mode ElevenLabs places the call. Either way the call id is
 * the Twilio call sid, and the call is followed by polling both APIs.
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
  const requests = new Map<string, PlaceCallRequest>();
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const follower = createCallFollower({
    clock,
    logger,
    twilio: twilioClient,
    elevenlabs,
    agentId: config.elevenlabs.agentId,
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    pollIntervalMs,
    maxPollIntervalMs: options.maxPollIntervalMs ?? 15_000,
    analysisGraceMs: options.analysisGraceMs ?? 5 * 60_000,
  });

  const follow = (callSid: string, attemptId: number, extra: Partial<FollowedCall> = {}): FollowedCall => {
    const existing = calls.get(callSid);
    if (existing) return existing;
    const call: FollowedCall = {
      callSid,
      attemptId,
      placedAt: clock.now(),
      pastConversations: [],
      linesEmitted: 0,
      conversationLinesStart: 0,
      status: 'queued',
      mode: 'ai',
      escalated: false,
      ended: false,
      intervalMs: pollIntervalMs,
      ...extra,
    };
    calls.set(callSid, call);
    if (call.idempotencyKey) callByKey.set(call.idempotencyKey, callSid);
    follower.schedule(call, pollIntervalMs);
    return call;
  };

  /**
   * A call of an earlier run (or a timed-out request), followed under the attempt the engine names. Its
   * transcript is read from the first line again: the engine keeps each numbered turn once.
   */
  const adopt = (callSid: string, attemptId: number, placedAt: number) => {
    if (!calls.has(callSid)) follow(callSid, attemptId, { placedAt });
  };

  const agentOf = (request: Pick<PlaceCallRequest, 'agentId'>) =>
    request.agentId || config.elevenlabs.agentId;

  const registerTwiml = (request: PlaceCallRequest, from: string) =>
    elevenlabsCall(() =>
      elevenlabs.conversationalAi.twilio.registerCall({
        agentId: agentOf(request),
        fromNumber: from,
        toNumber: request.to,
        direction: 'outbound',
        conversationInitiationClientData: { dynamicVariables: dynamicVariablesOf(request) },
      }),
    );

  const liveCall = (callId: string): FollowedCall => {
    const call = calls.get(callId);
    if (!call || call.ended) throw new Error(`Call ${callId} is not in progress`);
    return call;
  };

  return {
    name: 'elevenlabs-twilio',

    async placeCall(request) {
      const known = callByKey.get(request.idempotencyKey);
      if (known) return { callId: known };
      const from = request.from ?? config.twilio.callerNumbers[0];
      if (!from) throw new Error('No caller number: add a Twilio number in Settings → Providers');
      requests.set(request.idempotencyKey, request);
      let callSid: string;
      let conversationId: string | undefined;
      if (config.dialMode === 'native') {
        const reply = await elevenlabsCall(() =>
          elevenlabs.conversationalAi.twilio.outboundCall({
            agentId: agentOf(request),
            agentPhoneNumberId: config.elevenlabs.phoneNumberId,
            toNumber: request.to,
            conversationInitiationClientData: { dynamicVariables: dynamicVariablesOf(request) },
          }),
        );
        if (!reply.success || !reply.callSid)
          throw new Error(`ElevenLabs did not place the call: ${reply.message}`);
        callSid = reply.callSid;
        conversationId = reply.conversationId;
      } else {
        const twiml = await registerTwiml(request, from);
        const created = await twilioClient.calls.create({
          to: request.to,
          from,
          twiml,
          machineDetection: 'Enable',
          timeout: options.ringTimeoutSeconds ?? 30,
        });
        callSid = created.sid;
      }
      follow(callSid, request.attemptId, { idempotencyKey: request.idempotencyKey, conversationId });
      return { callId: callSid };
    },

    async getCall(callId, attemptId): Promise<CallSnapshot> {
      const tw = await twilioClient.calls(callId).fetch();
      const status = navaiaStatusOfTwilio(tw.status, tw.answeredBy);
      const placedAt = tw.dateCreated ? tw.dateCreated.getTime() : clock.now();
      // Picked up after a restart: follow it again, so its transcript and analysis still arrive.
      adopt(callId, attemptId, placedAt);
      const followed = calls.get(callId);
      const answeredAt =
        tw.startTime && status !== 'ringing' && status !== 'queued' ? tw.startTime.getTime() : undefined;
      if (followed) followed.answeredAt ??= answeredAt;
      const snapshot = followed
        ? follower.snapshotOf(followed, status, tw)
        : { callId, status, startedAt: placedAt, answeredAt, endedAt: tw.endTime?.getTime() };
      return { ...snapshot, status };
    },

    async findCallByIdempotencyKey(idempotencyKey, to, since, attemptId) {
      const known = callByKey.get(idempotencyKey);
      if (known) return known;
      const found = await findPlacedCall(
        {
          twilio: twilioClient,
          elevenlabs,
          agentId: config.elevenlabs.agentId,
          callerNumbers: config.twilio.callerNumbers,
        },
        { idempotencyKey, to, since, taken: new Set(calls.keys()) },
      );
      if (!found) return undefined;
      adopt(found.callSid, attemptId, found.placedAt);
      const call = calls.get(found.callSid);
      if (call) {
        call.idempotencyKey = idempotencyKey;
        callByKey.set(idempotencyKey, found.callSid);
      }
      return found.callSid;
    },

    async hangUp(callId) {
      const call = calls.get(callId);
      if (call?.ended) return;
      await twilioClient.calls(callId).update({ status: 'completed' });
      if (call) follower.schedule(call, 0);
    },

    async takeOver(callId, agent): Promise<TakeoverSession> {
      const call = liveCall(callId);
      if (call.status !== 'in_progress') throw new Error('The call has not been answered yet');
      const identity = softphoneIdentityOf(agent);
      const response = new twilio.twiml.VoiceResponse();
      response.dial().client(identity);
      // Redirecting the call ends the ElevenLabs stream: the agent's softphone rings instead.
      await twilioClient.calls(callId).update({ twiml: response.toString() });
      call.mode = 'human';
      return { kind: 'softphone', identity };
    },

    async sendAgentMessage() {
      throw new Error(
        'On a real call the agent speaks through the softphone; typed lines are for the simulator',
      );
    },

    async handBack(callId) {
      const call = liveCall(callId);
      if (call.mode !== 'human') throw new Error('The call is not held by an agent');
      const original = call.idempotencyKey ? requests.get(call.idempotencyKey) : undefined;
      const tw = await twilioClient.calls(callId).fetch();
      const request: PlaceCallRequest = original ?? {
        attemptId: call.attemptId,
        idempotencyKey: call.idempotencyKey ?? `attempt-${call.attemptId}`,
        campaignId: 0,
        customerId: 0,
        to: tw.to,
        from: tw.from,
        agentId: null,
        firstMessage: 'Thanks for your patience — I am back with you.',
        variables: {},
      };
      const twiml = await registerTwiml(
        { ...request, firstMessage: 'Thanks for your patience — I am back with you.' },
        tw.from,
      );
      await twilioClient.calls(callId).update({ twiml });
      if (call.conversationId) call.pastConversations.push(call.conversationId);
      call.conversationId = undefined;
      call.mode = 'ai';
      follower.schedule(call, pollIntervalMs);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      for (const call of calls.values()) {
        // A poll still in flight sees `ended` and schedules nothing more.
        call.ended = true;
        if (call.timer) clock.clearTimeout(call.timer);
      }
      calls.clear();
      listeners.clear();
    },
  };
}
