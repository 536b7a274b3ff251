import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { customers } from './customers';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/**
 * One row per attempt to reach one customer in one campaign. Written before the provider is asked to
 * dial; `idempotencyKey` (campaign:customer:attempt) names it to the provider, and the unique index on
 * the same three columns makes a second write of the same attempt fail (one index, not two on one key).
 */
export const callAttempts = sqliteTable(
  'call_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    attemptNumber: integer('attempt_number').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** queued | dialing | ringing | in_progress | escalated | completed | no_answer | busy | voicemail | failed | cancelled */
    state: text('state').notNull().default('queued'),
    /** ai | human — who is speaking while in_progress */
    mode: text('mode').notNull().default('ai'),
    disposition: text('disposition'),
    provider: text('provider').notNull(),
    providerCallId: text('provider_call_id'),
    toNumber: text('to_number').notNull(),
    fromNumber: text('from_number'),
    /** Earliest time this attempt may be dialled: when it was queued, or later for retries and closed windows. */
    notBefore: timestamp('not_before'),
    queuedAt: timestamp('queued_at').notNull(),
    dialedAt: timestamp('dialed_at'),
    answeredAt: timestamp('answered_at'),
    endedAt: timestamp('ended_at'),
    durationSeconds: real('duration_seconds'),
    costTelephony: real('cost_telephony').notNull().default(0),
    costAi: real('cost_ai').notNull().default(0),
    escalated: integer('escalated', { mode: 'boolean' }).notNull().default(false),
    /** The agent holding the call during a takeover. */
    heldBy: text('held_by'),
    sentiment: real('sentiment'),
    error: text('error'),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('call_attempts_campaign_customer_attempt_uq').on(t.campaignId, t.customerId, t.attemptNumber),
    // The engine's queue: due attempts of a campaign in order, and the earliest one still waiting.
    index('call_attempts_campaign_state_due_idx').on(t.campaignId, t.state, t.notBefore),
    index('call_attempts_state_idx').on(t.state),
    index('call_attempts_customer_dialed_idx').on(t.customerId, t.dialedAt),
    index('call_attempts_provider_call_idx').on(t.providerCallId),
  ],
);

/** Append-only log of every transition and notable happening of an attempt. */
export const callEvents = sqliteTable(
  'call_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => callAttempts.id, { onDelete: 'cascade' }),
    at: timestamp('at').notNull(),
    type: text('type').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    data: text('data', { mode: 'json' }),
  },
  (t) => [index('call_events_attempt_idx').on(t.attemptId, t.id)],
);

export const transcripts = sqliteTable(
  'transcripts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => callAttempts.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: timestamp('at').notNull(),
    /** ai | customer | agent | system */
    speaker: text('speaker').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('transcripts_attempt_seq_uq').on(t.attemptId, t.seq)],
);

/** The outcome a human or the AI analysis gave an attempt, with the agent's notes. */
export const dispositions = sqliteTable('dispositions', {
  attemptId: integer('attempt_id')
    .primaryKey()
    .references(() => callAttempts.id, { onDelete: 'cascade' }),
  disposition: text('disposition').notNull(),
  converted: integer('converted', { mode: 'boolean' }).notNull().default(false),
  notes: text('notes'),
  /** ai | the agent's name */
  decidedBy: text('decided_by').notNull(),
  at: timestamp('at').notNull(),
});
