import type { Clock } from '../../clock/clock';
import type { CallNoteKind, EscalationUrgency, ProviderEvent } from '../provider';
import type { FollowedCall } from './conversation-reader';

const textOf = (value: unknown, max = 500) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
const urgencies: readonly EscalationUrgency[] = ['low', 'normal', 'high'];

/** "45 seconds", "a minute", "2 minutes": the wait for an agent as the AI is told it. */
export function spokenWait(seconds: number): string {
  if (seconds === 60) return 'a minute';
  if (seconds < 120 || seconds % 60 !== 0) return `${seconds} seconds`;
  return `${seconds / 60} minutes`;
}

/** What the agent's LLM hears back from a tool: it speaks from this. */
type ToolAnswer = { ok: true; message: string };

/**
 * Navaia's server tools, as the agent calls them during a call (see agent-setup.ts for their schemas).
 * `request_human` is a live escalation; `book_viewing` and `schedule_callback` are kept as notes on the
 * call with every argument the agent gave, ready to become a booking or a callback.
 */
export function agentToolHandlers(deps: {
  clock: Clock;
  emit(event: ProviderEvent): void;
  callOf(callSid: string): FollowedCall | undefined;
  callOfAttempt(attemptId: number): FollowedCall | undefined;
  escalationWaitSeconds(): number;
}) {
  const where = (attemptId: number, callSid: string) => ({
    callId: deps.callOfAttempt(attemptId)?.callSid ?? callSid,
    attemptId,
    at: deps.clock.now(),
  });
  const note = (
    attemptId: number,
    callSid: string,
    kind: CallNoteKind,
    data: Record<string, unknown>,
    line: string,
  ) => deps.emit({ ...where(attemptId, callSid), type: 'note', kind, data, line });

  return {
    request_human(attemptId: number, callSid: string, body: Record<string, unknown>): ToolAnswer {
      const reason = textOf(body.reason) || 'The customer asked for a person';
      const urgency = urgencies.find((u) => u === body.urgency) ?? 'normal';
      const call = deps.callOfAttempt(attemptId) ?? deps.callOf(callSid);
      if (call) {
        call.escalatedLive = true;
        call.escalationReason = reason;
      }
      deps.emit({ ...where(attemptId, callSid), type: 'escalation', reason, urgency });
      return {
        ok: true,
        message:
          'A colleague has been alerted and can join this call. Tell the customer someone will be with them ' +
          `shortly and keep helping meanwhile. If nobody joins within ${spokenWait(deps.escalationWaitSeconds())}, ` +
          'offer a call back.',
      };
    },

    book_viewing(attemptId: number, callSid: string, body: Record<string, unknown>): ToolAnswer {
      const data = {
        property: textOf(body.property),
        preferredTime: textOf(body.preferred_time, 100),
        notes: textOf(body.notes, 1000),
        conversationId: textOf(body.conversation_id, 100),
      };
      note(
        attemptId,
        callSid,
        'viewing_requested',
        data,
        `The AI asked to book a viewing: ${[data.preferredTime, data.property].filter(Boolean).join(', ') || 'no details'}`,
      );
      return { ok: true, message: 'Noted. A colleague will confirm the viewing with the customer.' };
    },

    schedule_callback(attemptId: number, callSid: string, body: Record<string, unknown>): ToolAnswer {
      const data = {
        callbackTime: textOf(body.callback_time, 100),
        reason: textOf(body.reason),
        conversationId: textOf(body.conversation_id, 100),
      };
      note(
        attemptId,
        callSid,
        'callback_requested',
        data,
        `The AI scheduled a call back: ${[data.callbackTime, data.reason].filter(Boolean).join(' — ') || 'no details'}`,
      );
      return { ok: true, message: 'Noted. A colleague will call the customer back then.' };
    },
  };
}
