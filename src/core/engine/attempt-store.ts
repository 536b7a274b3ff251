import type { AttemptState } from '../../shared/calls/attempt-states';
import { canMoveAttempt, isFinalState } from '../../shared/calls/attempt-states';
import { groupCommitOf } from '../db/group-commit';
import type { Db } from '../db/open';

export interface AttemptRow {
  id: number;
  campaignId: number;
  customerId: number;
  attemptNumber: number;
  idempotencyKey: string;
  state: AttemptState;
  mode: 'ai' | 'human';
  provider: string;
  providerCallId: string | null;
  toNumber: string;
  fromNumber: string | null;
  notBefore: number | null;
  dialedAt: number | null;
  heldBy: string | null;
  disposition: string | null;
}

/** What a move may record besides the new state; absent fields keep their value. */
export interface AttemptPatch {
  answeredAt?: number;
  endedAt?: number;
  durationSeconds?: number;
  costTelephony?: number;
  costAi?: number;
  disposition?: string;
  error?: string;
  sentiment?: number;
}

const columns = `id, campaign_id as campaignId, customer_id as customerId, attempt_number as attemptNumber,
  idempotency_key as idempotencyKey, state, mode, provider, provider_call_id as providerCallId, to_number as toNumber,
  from_number as fromNumber, not_before as notBefore, dialed_at as dialedAt, held_by as heldBy, disposition`;

export const idempotencyKeyOf = (campaignId: number, customerId: number, attemptNumber: number) =>
  `${campaignId}:${customerId}:${attemptNumber}`;

/**
 * Every write the engine makes to call attempts, as prepared statements (the hot path). A move is
 * applied only if the attempt is still in the state the engine believes it is in, and each move
 * appends to call_events atomically with it. Writes join the connection's group commit: the engine
 * flushes it before every dial, so an attempt is on disk before its call is placed.
 */
export function createAttemptStore(db: Db) {
  const c = db.$client;
  const batch = groupCommitOf(c);
  const insertAttempt = c.prepare(`insert into call_attempts
      (campaign_id, customer_id, attempt_number, idempotency_key, state, provider, to_number, from_number, not_before,
       queued_at, updated_at)
    values (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)
    on conflict (campaign_id, customer_id, attempt_number) do nothing`);
  const insertEvent = c.prepare(
    'insert into call_events (attempt_id, at, type, from_state, to_state, data) values (?, ?, ?, ?, ?, ?)',
  );
  const moveStmt = c.prepare(`update call_attempts set state = @to, updated_at = @now,
      dialed_at = coalesce(@dialedAt, dialed_at), answered_at = coalesce(@answeredAt, answered_at),
      ended_at = coalesce(@endedAt, ended_at), duration_seconds = coalesce(@durationSeconds, duration_seconds),
      cost_telephony = coalesce(@costTelephony, cost_telephony), cost_ai = coalesce(@costAi, cost_ai),
      disposition = coalesce(@disposition, disposition), error = coalesce(@error, error),
      sentiment = coalesce(@sentiment, sentiment), escalated = escalated or @escalated
    where id = @id and state = @from`);
  const patchStmt = c.prepare(`update call_attempts set updated_at = @now,
      duration_seconds = coalesce(@durationSeconds, duration_seconds),
      cost_telephony = coalesce(@costTelephony, cost_telephony), cost_ai = coalesce(@costAi, cost_ai),
      disposition = coalesce(@disposition, disposition), sentiment = coalesce(@sentiment, sentiment)
    where id = @id`);
  const byId = c.prepare(`select ${columns} from call_attempts where id = ?`);
  const setCallId = c.prepare('update call_attempts set provider_call_id = ?, updated_at = ? where id = ?');
  const requeueStmt = c.prepare(`update call_attempts set state = 'queued', dialed_at = null, not_before = ?,
      updated_at = ? where id = ? and state = 'dialing'`);
  const setNotBefore = c.prepare('update call_attempts set not_before = ?, updated_at = ? where id = ?');
  const setHolder = c.prepare(
    'update call_attempts set mode = ?, held_by = ?, updated_at = ? where id = ? and (held_by is null or held_by = ?)',
  );
  const releaseHolder = c.prepare(
    "update call_attempts set mode = 'ai', held_by = null, updated_at = ? where id = ?",
  );
  // Contacted as of the dial, once the provider has the call: a refused dial is not a contact.
  const touchCustomer = c.prepare(`update customers
    set last_contacted_at = max(coalesce(last_contacted_at, 0), coalesce(a.dialed_at, @now)), updated_at = @now
    from (select customer_id, dialed_at from call_attempts where id = @id) as a
    where customers.id = a.customer_id`);
  const nextSeq = c.prepare('select coalesce(max(seq), 0) + 1 from transcripts where attempt_id = ?').pluck();
  const insertLine = c.prepare(
    'insert into transcripts (attempt_id, seq, at, speaker, text) values (?, ?, ?, ?, ?)',
  );

  /**
   * Attempts this engine dialled and that have not ended, as it last wrote them: every provider event
   * reads its attempt, three to five times per call. Updated only after a write succeeded; a move
   * that finds the row in another state (another process wrote it) drops the copy and reads again.
   */
  const live = new Map<number, AttemptRow>();
  const changed = (id: number, change: Partial<AttemptRow>) => {
    const row = live.get(id);
    if (row) live.set(id, { ...row, ...change });
  };

  const event = (
    id: number,
    now: number,
    type: string,
    from: string | null,
    to: string | null,
    data?: unknown,
  ) => insertEvent.run(id, now, type, from, to, data === undefined ? null : JSON.stringify(data));

  return {
    /** Commits what is pending: the engine calls it before placing calls and on lifecycle changes. */
    flush: batch.flush,
    get: (id: number) => live.get(id) ?? (byId.get(id) as AttemptRow | undefined),

    /** Queues an attempt; returns its id, or undefined when that attempt already exists. */
    enqueue(a: {
      campaignId: number;
      customerId: number;
      attemptNumber: number;
      provider: string;
      toNumber: string;
      fromNumber: string | null;
      notBefore: number | null;
      now: number;
    }): number | undefined {
      const key = idempotencyKeyOf(a.campaignId, a.customerId, a.attemptNumber);
      return batch.write(() => {
        const result = insertAttempt.run(
          a.campaignId,
          a.customerId,
          a.attemptNumber,
          key,
          a.provider,
          a.toNumber,
          a.fromNumber,
          a.notBefore ?? a.now,
          a.now,
          a.now,
        );
        if (result.changes === 0) return undefined;
        const id = Number(result.lastInsertRowid);
        event(
          id,
          a.now,
          'queued',
          null,
          'queued',
          a.attemptNumber > 1 ? { retryOf: a.attemptNumber - 1 } : undefined,
        );
        return id;
      });
    },

    /**
     * Moves an attempt from `from` to `to` if the state table allows it and it is still in `from`.
     * Returns false (changing nothing) otherwise — a late or duplicate provider event is harmless.
     */
    move(
      id: number,
      from: AttemptState,
      to: AttemptState,
      now: number,
      patch: AttemptPatch & { dialedAt?: number; escalated?: boolean } = {},
      eventData?: unknown,
    ): boolean {
      if (!canMoveAttempt(from, to)) return false;
      const moved = batch.write(() => {
        const result = moveStmt.run({
          id,
          from,
          to,
          now,
          dialedAt: patch.dialedAt ?? null,
          answeredAt: patch.answeredAt ?? null,
          endedAt: patch.endedAt ?? null,
          durationSeconds: patch.durationSeconds ?? null,
          costTelephony: patch.costTelephony ?? null,
          costAi: patch.costAi ?? null,
          disposition: patch.disposition ?? null,
          error: patch.error ?? null,
          sentiment: patch.sentiment ?? null,
          escalated: patch.escalated ? 1 : 0,
        });
        if (result.changes === 0) return false;
        event(id, now, 'state', from, to, eventData);
        return true;
      });
      if (!moved || isFinalState(to) || to === 'queued') live.delete(id);
      else {
        changed(id, {
          state: to,
          ...(patch.disposition !== undefined ? { disposition: patch.disposition } : {}),
          ...(patch.dialedAt !== undefined ? { dialedAt: patch.dialedAt } : {}),
        });
      }
      return moved;
    },

    /**
     * Dialling: the attempt leaves the queue. The customer counts as contacted only once the provider
     * takes the call (`setProviderCall`); until then `dialed_at` keeps other campaigns away.
     */
    markDialing(attempt: AttemptRow, now: number): boolean {
      const marked = batch.write(() => {
        const result = moveStmt.run({
          id: attempt.id,
          from: 'queued',
          to: 'dialing',
          now,
          dialedAt: now,
          answeredAt: null,
          endedAt: null,
          durationSeconds: null,
          costTelephony: null,
          costAi: null,
          disposition: null,
          error: null,
          sentiment: null,
          escalated: 0,
        });
        if (result.changes === 0) return false;
        event(attempt.id, now, 'state', 'queued', 'dialing');
        return true;
      });
      if (marked) {
        live.set(attempt.id, {
          id: attempt.id,
          campaignId: attempt.campaignId,
          customerId: attempt.customerId,
          attemptNumber: attempt.attemptNumber,
          idempotencyKey: attempt.idempotencyKey,
          state: 'dialing',
          mode: attempt.mode,
          provider: attempt.provider,
          providerCallId: attempt.providerCallId,
          toNumber: attempt.toNumber,
          fromNumber: attempt.fromNumber,
          notBefore: attempt.notBefore,
          dialedAt: now,
          heldBy: attempt.heldBy,
          disposition: attempt.disposition,
        });
      }
      return marked;
    },

    /**
     * The provider placed nothing (it could not be reached, or the call was never handed to it): the
     * attempt goes back to the queue with the same number and idempotency key, so the customer's
     * attempts are not used up by an outage.
     */
    requeue(
      id: number,
      now: number,
      notBefore: number,
      error: string,
      reason: 'provider_unreachable' | 'not_placed' = 'provider_unreachable',
    ): boolean {
      live.delete(id);
      return batch.write(() => {
        if (requeueStmt.run(notBefore, now, id).changes === 0) return false;
        event(id, now, 'state', 'dialing', 'queued', { reason, error });
        return true;
      });
    },

    recordOutcome(id: number, now: number, patch: AttemptPatch, type = 'analysis'): void {
      batch.write(() => {
        patchStmt.run({
          id,
          now,
          durationSeconds: patch.durationSeconds ?? null,
          costTelephony: patch.costTelephony ?? null,
          costAi: patch.costAi ?? null,
          disposition: patch.disposition ?? null,
          sentiment: patch.sentiment ?? null,
        });
        event(id, now, type, null, null, patch);
      });
      if (patch.disposition !== undefined) changed(id, { disposition: patch.disposition });
    },

    /** The provider has the call: it is the attempt's, and its customer has been contacted. */
    setProviderCall(id: number, callId: string, now: number): void {
      batch.write(() => {
        setCallId.run(callId, now, id);
        touchCustomer.run({ id, now });
        event(id, now, 'provider_call', null, null, { callId });
      });
      changed(id, { providerCallId: callId });
    },

    deferUntil(id: number, notBefore: number, now: number): void {
      batch.write(() => setNotBefore.run(notBefore, now, id));
    },

    /** Gives the call to an agent unless another agent holds it; false when someone else does. */
    hold(id: number, agent: string, now: number): boolean {
      const held = batch.write(() => {
        const ok = setHolder.run('human', agent, now, id, agent).changes > 0;
        if (ok) event(id, now, 'takeover', null, null, { agent });
        return ok;
      });
      if (held) changed(id, { mode: 'human', heldBy: agent });
      else live.delete(id);
      return held;
    },

    release(id: number, now: number, agent: string): void {
      batch.write(() => {
        releaseHolder.run(now, id);
        event(id, now, 'hand_back', null, null, { agent });
      });
      changed(id, { mode: 'ai', heldBy: null });
    },

    note(id: number, now: number, type: string, data?: unknown): void {
      batch.write(() => event(id, now, type, null, null, data));
    },

    /** Appends a transcript line; returns its sequence number. */
    appendLine(id: number, at: number, speaker: string, text: string): number {
      return batch.write(() => {
        const seq = nextSeq.get(id) as number;
        insertLine.run(id, seq, at, speaker, text);
        return seq;
      });
    },
  };
}

export type AttemptStore = ReturnType<typeof createAttemptStore>;
