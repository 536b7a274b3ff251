import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Vendor webhook deliveries already accepted, by a key each carries (its signature, or a tool call's
 * conversation and time), until they expire: a delivery seen again is a replay and changes nothing.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    key: text('key').primaryKey(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('webhook_deliveries_expires_idx').on(t.expiresAt)],
);
