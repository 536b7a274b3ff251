import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock/clock';
import type { Logger } from '../../logging/logger';
import type { InboundWebhook, ProviderEvent, ReplayGuard, WebhookReply } from '../provider';
import { unansweredStatusOf } from './call-outcome';
import type { ElevenLabsTwilioConfig } from './config';
import type { FollowedCall } from './conversation-reader';
import { toolTokenOf } from './conversation-start';
import type { Takeover } from './takeover';
import { agentToolHandlers } from './tool-calls';
import { isMachineAnswer } from './twilio-look';
import { verifyElevenLabsWebhook, verifyTwilioRequest } from './webhooks';

/** A tool call's `sent_at` (ElevenLabs' time at execution) may differ from ours by this much. */
const toolClockSkewMs = 5 * 60_000;

export interface WebhookHandlerDeps {
  config: ElevenLabsTwilioConfig;
  clock: Clock;
  logger: Logger;
  emit(event: ProviderEvent): void;
  callOf(callSid: string): FollowedCall | undefined;
  callOfAttempt(attemptId: number): FollowedCall | undefined;
  callOfConversation(conversationId: string): FollowedCall | undefined;
  /** Look at the call now instead of at its next poll. */
  lookNow(call: FollowedCall): void;
  leaveVoicemail(call: FollowedCall): Promise<void>;
  takeover: Takeover;
  /** Settings' wait for an agent, said to the AI when a customer asks for a person. */
  escalationWaitSeconds(): number;
}

const reply = (status: number, body: unknown = { ok: status < 300 }): WebhookReply => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
});
const refused = (reason: string) => reply(403, { ok: false, error: reason });
const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * What the vendors tell Navaia during and after a call, each checked before it is believed: tool calls
 * by the per-call token and their execution time, Twilio callbacks by X-Twilio-Signature (and the expiry
 * signed into their URL), ElevenLabs events by their HMAC signature and timestamp. A delivery seen before
 * is a replay and changes nothing.
 */
export function createWebhookHandlers(deps: WebhookHandlerDeps) {
  const { clock, config } = deps;
  const tools = agentToolHandlers(deps);

  async function toolCall(
    name: string,
    hook: InboundWebhook,
    firstDelivery: ReplayGuard,
  ): Promise<WebhookReply> {
    const secret = config.webhooks?.toolSecret;
    if (!secret) return refused('tool calls are not set up');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(hook.rawBody) as Record<string, unknown>;
    } catch {
      return reply(400, { ok: false, error: 'the body is not JSON' });
    }
    const attemptId = String(body.navaia_attempt_id ?? '');
    const token = hook.headers['x-navaia-tool-token'] ?? '';
    if (!/^\d+$/.test(attemptId) || !sameText(token, toolTokenOf(secret, attemptId)))
      return refused('the tool token does not match the call');
    const sentAt = Date.parse(String(body.sent_at ?? ''));
    if (Number.isNaN(sentAt) || Math.abs(clock.now() - sentAt) > toolClockSkewMs)
      return refused('the tool call is not recent');
    if (!firstDelivery(`tool:${name}:${body.conversation_id}:${body.sent_at}`, sentAt + 2 * toolClockSkewMs))
      return refused('this tool call was delivered before');
    const handle = tools[name as keyof typeof tools];
    if (!handle) return reply(404, { ok: false, error: `Navaia has no tool ${name}` });
    return reply(200, handle(Number(attemptId), String(body.call_sid ?? ''), body));
  }

  async function twilioCallback(hook: InboundWebhook, firstDelivery: ReplayGuard): Promise<WebhookReply> {
    const params = Object.fromEntries(new URLSearchParams(hook.rawBody));
    const signature = hook.headers['x-twilio-signature'];
    if (!verifyTwilioRequest(config.twilio.authToken ?? '', signature, hook.url, params))
      return refused('the Twilio signature does not match');
    const expiresAt = Number(hook.query.get('exp') ?? 0) * 1000;
    if (expiresAt < clock.now()) return refused('the callback URL has expired');
    if (!firstDelivery(`twilio:${signature}`, expiresAt))
      return refused('this callback was delivered before');
    const call = deps.callOf(params.CallSid ?? '');
    if (!call) return reply(200, { ok: true, known: false });
    switch (hook.route.kind) {
      case 'twilio-amd':
        if (isMachineAnswer(params.AnsweredBy) && call.voicemail === undefined) {
          call.machine = true;
          await deps.leaveVoicemail(call);
        }
        return reply(200);
      case 'twilio-dial-ended':
        return {
          status: 200,
          contentType: 'text/xml',
          body: await deps.takeover.dialEnded(call, params.DialCallStatus ?? 'no-answer'),
        };
      default:
        deps.lookNow(call);
        return reply(200);
    }
  }

  async function elevenlabsEvent(hook: InboundWebhook, firstDelivery: ReplayGuard): Promise<WebhookReply> {
    const signature = hook.headers['elevenlabs-signature'];
    const check = await verifyElevenLabsWebhook(
      hook.rawBody,
      signature,
      config.elevenlabs.webhookSecret ?? '',
      clock.now(),
    );
    if (!check.ok) return refused(check.reason);
    const t = Number(/(?:^|,)\s*t=(\d+)/.exec(signature ?? '')?.[1]) * 1000;
    if (!firstDelivery(`elevenlabs:${signature}`, t + 60 * 60_000))
      return refused('this event was delivered before');
    const event = check.event as { type?: string; data?: Record<string, unknown> };
    const data = event.data ?? {};
    const variables = (
      data.conversation_initiation_client_data as { dynamic_variables?: Record<string, unknown> }
    )?.dynamic_variables;
    const call =
      deps.callOfConversation(String(data.conversation_id ?? '')) ??
      (variables?.navaia_attempt_id ? deps.callOfAttempt(Number(variables.navaia_attempt_id)) : undefined) ??
      deps.callOf(String(data.call_sid ?? ''));
    if (!call) return reply(200, { ok: true, known: false });
    if (event.type === 'call_initiation_failure')
      call.failureStatus = unansweredStatusOf(String(data.failure_reason ?? ''));
    if (event.type === 'answering_machine_detection' && isMachineAnswer(String(data.answered_by ?? '')))
      call.machine = true;
    deps.lookNow(call);
    return reply(200);
  }

  return {
    async receive(hook: InboundWebhook, firstDelivery: ReplayGuard): Promise<WebhookReply> {
      switch (hook.route.kind) {
        case 'tool':
          return toolCall(hook.route.tool, hook, firstDelivery);
        case 'elevenlabs-event':
          return elevenlabsEvent(hook, firstDelivery);
        default:
          return twilioCallback(hook, firstDelivery);
      }
    },
  };
}
