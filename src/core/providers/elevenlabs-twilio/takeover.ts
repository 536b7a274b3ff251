import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { ProviderError } from '@shared/errors';
import type { Clock } from '../../clock/clock';
import { twilioCallbackUrl, webhookPaths } from '../../webhooks/webhook-paths';
import type { PlaceCallRequest, ProviderEvent, TakeoverAgent, TakeoverSession } from '../provider';
import { elevenlabsCall, type TwilioClient } from './api-clients';
import { backToAiTwiml, noAgentLine, takeoverTwiml } from './call-twiml';
import type { ElevenLabsTwilioConfig } from './config';
import { publicUrlOf } from './config';
import { type FollowedCall, lastConversationOf } from './conversation-reader';
import { softphoneIdentityOf } from './softphone-token';

export const nativeTakeoverRefusal =
  'ElevenLabs places the call in this mode (Settings → Providers → How calls are placed), so Navaia cannot move it to a softphone: choose “Navaia places the Twilio call” to take calls over';

const welcomeBack = 'Thanks for holding — I am back with you.';
const noAgentWelcome =
  'Sorry to keep you waiting — my colleague is not free right now, so I am back with you. Shall I arrange for them to call you back?';

export interface TakeoverDeps {
  config: ElevenLabsTwilioConfig;
  clock: Clock;
  twilio: TwilioClient;
  elevenlabs: ElevenLabsClient;
  emit(event: ProviderEvent): void;
  /** register-call for `request`, with these overrides: the TwiML that streams the call to a new conversation. */
  registerTwiml(
    request: PlaceCallRequest,
    from: string,
    overrides: { firstMessage: string; prompt: string; variables: Record<string, string> },
  ): Promise<string>;
  /** The call's original request, or one rebuilt from Twilio's record of it (after a restart). */
  requestOf(call: FollowedCall): Promise<PlaceCallRequest & { from: string }>;
  follow(call: FollowedCall): void;
}

/**
 * Taking a real call over and giving it back. The customer is never left in silence nor hung up: a
 * hold line plays while the agent's softphone rings, and if it does not answer the customer goes back to
 * the AI (with what has been said so far), which offers a call back. A hand-back does the same with the
 * agent's reason. The agent's part is recorded when calls are recorded.
 */
export function createTakeover(deps: TakeoverDeps) {
  const { clock, config } = deps;
  const agentPrompts = new Map<string, string>();

  /** The instructions the new conversation builds on: the campaign's, or else the agent's own. */
  const basePromptOf = async (request: PlaceCallRequest, agentId: string) => {
    if (request.prompt?.trim()) return request.prompt;
    if (!agentPrompts.has(agentId)) {
      const agent = await elevenlabsCall(() => deps.elevenlabs.conversationalAi.agents.get(agentId));
      agentPrompts.set(agentId, agent.conversationConfig.agent?.prompt?.prompt ?? '');
    }
    return agentPrompts.get(agentId) ?? '';
  };

  /** What the new conversation is told of the call so far: ElevenLabs' summary, or the last lines said. */
  const summaryOf = async (call: FollowedCall): Promise<string> => {
    const parts: string[] = [];
    const last = call.conversations.at(-1);
    if (last) {
      const conversation = await elevenlabsCall(() =>
        deps.elevenlabs.conversationalAi.conversations.get(last.id),
      ).catch(() => lastConversationOf(call));
      const summary = conversation?.analysis?.transcriptSummary;
      const lines = (conversation?.transcript ?? [])
        .filter((t) => t.message?.trim())
        .slice(-6)
        .map((t) => `${t.role === 'user' ? 'Customer' : 'You'}: ${t.message?.trim()}`);
      if (summary) parts.push(summary);
      else if (lines.length > 0) parts.push(`The last things said:\n${lines.join('\n')}`);
    }
    if (parts.length === 0)
      parts.push('You spoke with the customer earlier in this call; its transcript is not ready yet.');
    if (call.escalationReason) parts.push(`The customer asked for a person: ${call.escalationReason}.`);
    return parts.join('\n');
  };

  /** register-call for a conversation that picks the call up again, told what happened and why. */
  const resumeTwiml = async (call: FollowedCall, reason: string, firstMessage: string) => {
    const request = await deps.requestOf(call);
    const summary = await summaryOf(call);
    const base = await basePromptOf(request, call.agentId);
    const prompt = `${base}\n\n# This call so far\n${summary}\n\n# Why you have the customer again\n${reason}\nDo not greet the customer as if the call had just started.`;
    return deps.registerTwiml(request, request.from, {
      firstMessage,
      prompt,
      variables: { navaia_call_summary: summary, navaia_handback_reason: reason },
    });
  };

  const returned = (call: FollowedCall, reason: string) => {
    call.mode = 'ai';
    call.takeover = undefined;
    call.lookForConversation = true;
    deps.emit({
      type: 'returned_to_ai',
      callId: call.callSid,
      attemptId: call.attemptId,
      at: clock.now(),
      reason,
    });
    deps.follow(call);
  };

  /** Whether Twilio can ask Navaia what to do when the dial ends (and Navaia can check that it is Twilio). */
  const dialCanAsk = () => Boolean(publicUrlOf(config) && config.twilio.authToken);

  return {
    async takeOver(call: FollowedCall, agent: TakeoverAgent): Promise<TakeoverSession> {
      if (call.native) throw new ProviderError(nativeTakeoverRefusal);
      if (call.status !== 'in_progress' || call.machine)
        throw new ProviderError('The call has not been answered yet');
      const identity = softphoneIdentityOf(agent);
      const request = await deps.requestOf(call);
      const record = request.recordCalls ?? true;
      const publicUrl = publicUrlOf(config);
      const twiml =
        publicUrl && dialCanAsk()
          ? takeoverTwiml({
              identity,
              record,
              action: twilioCallbackUrl(
                publicUrl,
                webhookPaths.twilioDialEnded,
                call.attemptId,
                clock.now() + 6 * 3_600_000,
              ),
            })
          : takeoverTwiml({
              identity,
              record,
              fallback: await resumeTwiml(
                call,
                `${agent.name} could not take the call. Offer a call back.`,
                noAgentWelcome,
              ),
            });
      // Redirecting the call ends the ElevenLabs stream: the hold line plays and the softphone rings.
      await deps.twilio.calls(call.callSid).update({ twiml });
      call.mode = 'human';
      call.takeover = { agentName: agent.name, identity, fallbackInTwiml: !dialCanAsk() };
      call.lookForConversation = !dialCanAsk();
      return { kind: 'softphone', identity };
    },

    async handBack(call: FollowedCall, reason?: string): Promise<void> {
      if (call.mode !== 'human') throw new ProviderError('The call is not held by an agent');
      const agentName = call.takeover?.agentName ?? 'The agent';
      const why = reason?.trim()
        ? `${agentName} handed the call back: ${reason.trim()}`
        : `${agentName} handed the call back to you to finish it.`;
      await deps.twilio.calls(call.callSid).update({ twiml: await resumeTwiml(call, why, welcomeBack) });
      call.mode = 'ai';
      call.takeover = undefined;
      call.lookForConversation = true;
      deps.follow(call);
    },

    /**
     * Twilio asks what next when the agent's dial ends: no answer (or busy, failed) — or the agent's leg
     * ended by itself. Either way the customer goes back to the AI, never to a hang-up.
     */
    async dialEnded(call: FollowedCall, dialStatus: string): Promise<string> {
      const agentName = call.takeover?.agentName ?? 'The agent';
      const reason =
        dialStatus === 'completed'
          ? `${agentName}'s line dropped before the call was finished. Offer a call back.`
          : `${agentName} could not take the call (${dialStatus}). Offer a call back.`;
      const stream = await resumeTwiml(call, reason, noAgentWelcome);
      returned(
        call,
        dialStatus === 'completed'
          ? `${agentName}'s line dropped: the customer is back with the AI`
          : `${agentName}'s softphone did not answer: the customer is back with the AI`,
      );
      return backToAiTwiml(stream, noAgentLine);
    },
  };
}

export type Takeover = ReturnType<typeof createTakeover>;
