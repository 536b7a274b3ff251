import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key → JSON value; each key's shape is a zod schema in src/shared/contract/settings.ts. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});
