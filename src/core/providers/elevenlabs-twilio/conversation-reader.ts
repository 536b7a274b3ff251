import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { Clock } from '../../clock/clock';
import type { PlaceCallRequest, ProviderCallStatus, ProviderEvent } from '../provider';
import { elevenlabsCall } from './api-clients';
import { dispositionOf, humanRequestOf, isPositiveDisposition } from './call-outcome';
import { attemptVariable } from './conversation-start';

export interface KnownConversation {
  id: string;
  /** Its lines already emitted (ElevenLabs writes them all when the conversation ends). */
  linesEmitted: number;
  last?: ElevenLabs.GetConversationResponseModel;
}

/** One call being followed: what has already been told to the engine, so nothing is said twice. */
export interface FollowedCall {
  callSid: string;
  attemptId: number;
  idempotencyKey?: string;
  /** The agent that placed the call: its conversations are the call's. */
  agentId: string;
  placedAt: number;
  /** What the engine asked for (first message, instructions, voicemail message), when this run placed it. */
  request?: PlaceCallRequest;
  /** The call's conversations in the order they started (a hand-back or a fallback starts another). */
  conversations: KnownConversation[];
  /** A conversation is expected that is not known yet (the answer, a hand-back, a takeover's fallback). */
  lookForConversation: boolean;
  /** Transcript turns already emitted, over all conversations of the call: the next line's number. */
  linesEmitted: number;
  status: ProviderCallStatus;
  mode: 'ai' | 'human';
  /** Placed by ElevenLabs (native): followed through ElevenLabs alone. */
  native: boolean;
  /** The agent asked for a person while the call was live (a tool call reached the webhook). */
  escalatedLive: boolean;
  /** Why, when it did: a hand-back tells the new conversation. */
  escalationReason?: string;
  humanRequestNoted: boolean;
  /** Answered by a machine (answering-machine detection), and whether the voicemail message was left. */
  machine: boolean;
  voicemail?: 'leaving' | 'left';
  /** The AI's side is over: the takeover TwiML or a voicemail message plays, no conversation follows. */
  ended: boolean;
  answeredAt?: number;
  twilioEndedAt?: number;
  /** How ElevenLabs said a native call failed to connect (its call_initiation_failure event). */
  failureStatus?: ProviderCallStatus;
  /** After the end, the price is waited for until then. */
  priceWaitUntil?: number;
  /** A takeover in progress: whom the call rings, and whether its fallback is in the TwiML itself. */
  takeover?: { agentName: string; identity: string; fallbackInTwiml: boolean };
  timer?: ReturnType<Clock['setTimeout']>;
  intervalMs: number;
}

export interface ConversationReaderDeps {
  clock: Clock;
  elevenlabs: ElevenLabsClient;
  emit(event: ProviderEvent): void;
}

export const lastConversationOf = (call: FollowedCall) => call.conversations.at(-1)?.last;

/** What ElevenLabs charged for all of the call's conversations, once any says. */
export const aiCostOf = (call: FollowedCall): number | undefined => {
  const costs = call.conversations.flatMap((c) =>
    c.last?.metadata.costFiat == null ? [] : [c.last.metadata.costFiat],
  );
  return costs.length > 0 ? Math.round(costs.reduce((a, b) => a + b, 0) * 10_000) / 10_000 : undefined;
};

export const isAnalysed = (conversation: ElevenLabs.GetConversationResponseModel | undefined) =>
  conversation !== undefined && ['done', 'failed'].includes(conversation.status);

/** Reading a call's ElevenLabs conversations: transcript lines, the analysis, a request for a person. */
export function createConversationReader(deps: ConversationReaderDeps) {
  const { clock, elevenlabs } = deps;
  const base = (call: FollowedCall) => ({ callId: call.callSid, attemptId: call.attemptId, at: clock.now() });

  /** Adds the call's conversations not known yet, found by the attempt id they were started with. */
  const discover = async (call: FollowedCall): Promise<boolean> => {
    const page = await elevenlabsCall(() =>
      elevenlabs.conversationalAi.conversations.list({
        agentId: call.agentId,
        dynamicVariableParams: [`${attemptVariable}:eq:${call.attemptId}`],
        callStartAfterUnix: Math.floor(call.placedAt / 1000) - 300,
        pageSize: 10,
      }),
    );
    const known = new Set(call.conversations.map((c) => c.id));
    const fresh = page.conversations
      .filter((c) => !known.has(c.conversationId))
      .sort((a, b) => a.startTimeUnixSecs - b.startTimeUnixSecs);
    for (const c of fresh) call.conversations.push({ id: c.conversationId, linesEmitted: 0 });
    if (fresh.length > 0) call.lookForConversation = false;
    return fresh.length > 0;
  };

  /**
   * Reads the call's conversations in order and emits the lines of those that ended (ElevenLabs writes
   * a transcript when its conversation ends); true when something changed.
   */
  const read = async (call: FollowedCall): Promise<boolean> => {
    let changed = call.lookForConversation ? await discover(call) : false;
    for (const known of call.conversations) {
      if (isAnalysed(known.last)) continue;
      const conversation = await elevenlabsCall(() =>
        elevenlabs.conversationalAi.conversations.get(known.id),
      );
      changed ||= known.last?.status !== conversation.status;
      known.last = conversation;
      const turns = conversation.transcript.filter((t) => (t.message ?? '').trim() !== '');
      const startedAt = conversation.metadata.startTimeUnixSecs * 1000;
      for (const turn of turns.slice(known.linesEmitted)) {
        known.linesEmitted++;
        changed = true;
        deps.emit({
          ...base(call),
          // When it was said, not when it was read: lines of a call read after a restart keep their time.
          at: startedAt > 0 ? startedAt + turn.timeInCallSecs * 1000 : clock.now(),
          type: 'transcript',
          speaker: turn.role === 'user' ? 'customer' : 'ai',
          text: turn.message!.trim(),
          turn: call.linesEmitted++,
        });
      }
      // A later conversation's lines wait until this one's are in: the turn numbers stay in order.
      if (conversation.status === 'initiated' || conversation.status === 'in-progress') break;
    }
    return changed;
  };

  /**
   * A request for a person that polling could only see after the call (no public URL for the tools, or
   * an agent that flags it in its analysis): kept as a note, for a callback, not as a live escalation.
   */
  const noteHumanRequest = (call: FollowedCall) => {
    const conversation = lastConversationOf(call);
    if (!conversation || call.escalatedLive || call.humanRequestNoted || !isAnalysed(conversation)) return;
    const reason = humanRequestOf(conversation);
    if (!reason) return;
    call.humanRequestNoted = true;
    deps.emit({
      ...base(call),
      type: 'note',
      kind: 'human_requested',
      data: { reason, seen: 'after_the_call' },
      line: `The customer asked for a person during the call (seen after it ended): ${reason}`,
    });
  };

  /** The analysis of the call's last conversation, with the call's figures (`snapshot`). */
  const emitAnalysis = (
    call: FollowedCall,
    figures: { costTelephony?: number; costAi?: number; durationSeconds?: number },
  ) => {
    const conversation = lastConversationOf(call);
    if (!conversation || !isAnalysed(conversation)) return;
    noteHumanRequest(call);
    const disposition = dispositionOf(conversation);
    deps.emit({
      ...base(call),
      type: 'analysis',
      disposition,
      converted: isPositiveDisposition(disposition),
      summary: conversation.analysis?.transcriptSummary || undefined,
      costTelephony: figures.costTelephony ?? 0,
      costAi: figures.costAi ?? 0,
      durationSeconds: figures.durationSeconds ?? 0,
    });
  };

  return { read, discover, emitAnalysis, noteHumanRequest };
}

export type ConversationReader = ReturnType<typeof createConversationReader>;
