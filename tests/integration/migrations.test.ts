import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { createTempDb } from '../helpers/temp-db';

describe('database migrations', () => {
  let cleanup: () => void = () => {};
  afterEach(() => cleanup());

  it('create every table on an empty file, with WAL and foreign keys on', () => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    const tables = temp.db.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
      )
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'bookings',
        'call_attempts',
        'call_events',
        'campaigns',
        'contracts',
        'customer_tags',
        'customers',
        'dispositions',
        'dnc_numbers',
        'properties',
        'settings',
        'transcripts',
      ]),
    );
    expect(temp.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(temp.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('are idempotent: opening the same file again applies nothing and keeps the data', () => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    const now = new Date();
    temp.db.$client
      .prepare(
        "insert into customers (first_name, last_name, phone, time_zone, created_at, updated_at) values ('Ada', 'Lovelace', '+14155550100', 'America/Los_Angeles', ?, ?)",
      )
      .run(now.getTime(), now.getTime());
    const applied = temp.db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
    temp.db.$client.close();

    const reopened = openDatabase(temp.file);
    expect(reopened.$client.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(applied);
    expect(reopened.$client.prepare('select first_name from customers').pluck().all()).toEqual(['Ada']);
    reopened.$client.close();
  });
});
