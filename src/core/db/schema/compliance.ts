import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const dncNumbers = sqliteTable('dnc_numbers', {
  /** E.164 */
  phone: text('phone').primaryKey(),
  /** manual | import | call_request | provider */
  source: text('source').notNull(),
  reason: text('reason'),
  addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
});
