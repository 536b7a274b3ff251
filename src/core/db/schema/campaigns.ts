import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/**
 * A campaign's settings are stored as JSON documents whose shapes are the zod schemas in
 * src/shared/contract/campaigns.ts; they are validated there before they reach this table.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** neighborhood_interest | booking_reminder | renewal | upsell | custom */
    objective: text('objective').notNull(),
    /** draft | scheduled | running | paused | completed | cancelled */
    status: text('status').notNull().default('draft'),
    /** simulator | elevenlabs-twilio */
    provider: text('provider').notNull().default('simulator'),
    /** react-querybuilder RuleGroupType */
    criteria: text('criteria', { mode: 'json' }).notNull(),
    script: text('script', { mode: 'json' }).notNull(),
    callerNumber: text('caller_number'),
    schedule: text('schedule', { mode: 'json' }).notNull(),
    pacing: text('pacing', { mode: 'json' }).notNull(),
    retryPolicy: text('retry_policy', { mode: 'json' }).notNull(),
    goal: text('goal', { mode: 'json' }).notNull(),
    costs: text('costs', { mode: 'json' }).notNull(),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    startedAt: timestamp('started_at'),
    endedAt: timestamp('ended_at'),
    /** Why the engine paused the campaign by itself (its audience cannot be read, the disk is full …). */
    statusReason: text('status_reason'),
  },
  (t) => [index('campaigns_status_idx').on(t.status)],
);

/**
 * Which engine (a process: the desktop app, a browser host, a CLI run) dials a running campaign. The
 * owner renews `expiresAt` while it runs; another engine takes the campaign over only once the lease has
 * expired, so an owner that crashed loses it and two never dial the same campaign.
 */
export const campaignLeases = sqliteTable('campaign_leases', {
  campaignId: integer('campaign_id')
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  owner: text('owner').notNull(),
  /** Epoch milliseconds of the real clock: leases are between processes, whatever clock an engine runs on. */
  expiresAt: integer('expires_at').notNull(),
});
