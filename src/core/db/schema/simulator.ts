import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The simulator's own record of the calls it placed — its "provider side". Like a real provider it
 * outlives a crash of the app, so the engine can reconcile by call id or idempotency key.
 */
export const simulatorCalls = sqliteTable('simulator_calls', {
  callId: text('call_id').primaryKey(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  attemptId: integer('attempt_id').notNull(),
  startedAt: integer('started_at').notNull(),
  /** JSON: the request the call was placed with (variables, persona seed); the call replays from it. */
  request: text('request', { mode: 'json' }).notNull(),
  /** Set when the call was hung up or taken over before its planned end. */
  endedAt: integer('ended_at'),
  endReason: text('end_reason'),
});
