import type { Db } from '../../db/open';

/** A simulated call as the ledger keeps it: enough to answer about it after a restart. */
export interface LedgerRow {
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
  /** The request as placed (JSON), so a resumed call plays the same plan. */
  request: string;
}

/**
 * The simulator's own records of the calls it placed (`simulator_calls`), as prepared statements: a
 * real provider keeps its calls on its side; the simulator keeps them in the app's database, so that
 * idempotency keys and calls in progress survive a restart like they would at a real provider.
 */
export function createSimulatorLedger(db: Db) {
  const c = db.$client;
  const insert =
    c.prepare(`insert into simulator_calls (call_id, idempotency_key, attempt_id, started_at, request)
    values (?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing`);
  const byKey = c.prepare('select call_id from simulator_calls where idempotency_key = ?').pluck();
  const byId =
    c.prepare(`select started_at as startedAt, ended_at as endedAt, end_reason as endReason, request
    from simulator_calls where call_id = ?`);
  const end = c.prepare('update simulator_calls set ended_at = ?, end_reason = ? where call_id = ?');
  const mark = c.prepare('update simulator_calls set end_reason = ? where call_id = ?');

  return {
    /**
     * Records a newly placed call; if a call was already placed with that key, records nothing and
     * returns that call's id instead (tried first: a second placing is the rare case).
     */
    placeOnce(
      callId: string,
      idempotencyKey: string,
      attemptId: number,
      startedAt: number,
      request: unknown,
    ): string | undefined {
      const { changes } = insert.run(callId, idempotencyKey, attemptId, startedAt, JSON.stringify(request));
      return changes === 0 ? (byKey.get(idempotencyKey) as string) : undefined;
    },
    callOfKey: (idempotencyKey: string) => byKey.get(idempotencyKey) as string | undefined,
    get: (callId: string) => byId.get(callId) as LedgerRow | undefined,
    ended(callId: string, at: number, reason: string) {
      end.run(at, reason, callId);
    },
    /** Taken over by an agent (`taken_over`), or back with the AI (null). */
    mark(callId: string, reason: string | null) {
      mark.run(reason, callId);
    },
  };
}

export type SimulatorLedger = ReturnType<typeof createSimulatorLedger>;
