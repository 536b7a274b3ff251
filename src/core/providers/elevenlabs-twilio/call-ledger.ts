import type { Db } from '../../db/open';

/**
 * What the provider needs to pick up calls an earlier run placed. ProviderEvents name the Navaia
 * attempt, but Twilio keeps no free-form data on a call, so after a restart the attempt of a call sid
 * (and how much of its transcript is already stored) comes from Navaia's own records.
 */
export interface CallLedger {
  attemptOf(ref: { callId?: string; idempotencyKey?: string }): number | undefined;
  /** Lines of the AI conversation already stored for the attempt, so a resumed call adds only new ones. */
  storedConversationLines(attemptId: number): number;
}

/** The ledger read from the engine's tables (call_attempts, transcripts): the host passes this one. */
export function callLedgerFromDb(db: Db): CallLedger {
  const c = db.$client;
  const byCallId = c.prepare('select id from call_attempts where provider_call_id = ?').pluck();
  const byKey = c.prepare('select id from call_attempts where idempotency_key = ?').pluck();
  const lines = c
    .prepare("select count(*) from transcripts where attempt_id = ? and speaker in ('ai', 'customer')")
    .pluck();
  return {
    attemptOf({ callId, idempotencyKey }) {
      const id =
        (callId ? byCallId.get(callId) : undefined) ??
        (idempotencyKey ? byKey.get(idempotencyKey) : undefined);
      return typeof id === 'number' ? id : undefined;
    },
    storedConversationLines: (attemptId) => lines.get(attemptId) as number,
  };
}

/** Without Navaia's records (unit use), only calls placed by this process can be followed. */
export const emptyCallLedger: CallLedger = {
  attemptOf: () => undefined,
  storedConversationLines: () => 0,
};
