import { expect } from 'vitest';
import type { Db } from '../../src/core/db/open';

export interface AttemptWithCall {
  id: number;
  /** Customer id. */
  c: number;
  /** Attempt number. */
  n: number;
  /** Idempotency key. */
  k: string;
  state: string;
  error: string | null;
  callId: string | null;
}

/** A campaign's attempts with what the provider knows of them, by customer and attempt number. */
export const attemptsWithCalls = (db: Db, campaignId: number) =>
  db.$client
    .prepare(`select id, customer_id as c, attempt_number as n, idempotency_key as k, state, error,
        provider_call_id as callId from call_attempts where campaign_id = ? order by c, n`)
    .all(campaignId) as AttemptWithCall[];

/** No double dial on the simulator: one placed call per idempotency key, each known to its attempt. */
export function expectOneSimulatorCallPerAttempt(db: Db, attempts: AttemptWithCall[]): void {
  const placed = db.$client
    .prepare('select call_id as callId, idempotency_key as k from simulator_calls')
    .all() as { callId: string; k: string }[];
  expect(new Set(placed.map((p) => p.k)).size).toBe(placed.length);
  const byKey = new Map(attempts.map((a) => [a.k, a]));
  for (const call of placed) expect(byKey.get(call.k)?.callId, `call for ${call.k}`).toBe(call.callId);
}
