import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrationJournal } from '../../src/core/backup/migration-journal';
import { defaultMigrationsFolder, openDatabase } from '../../src/core/db/open';
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

describe('an upgrade that brings new migrations', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * The repository's migrations as an older release shipped them: all but the last `dropLast`, or all
   * before the first whose SQL contains `dropFrom`.
   */
  function olderRelease(dropLast: number | { dropFrom: string }): string {
    const folder = join(dir, `drizzle-older-${typeof dropLast === 'number' ? dropLast : 'before'}`);
    cpSync(defaultMigrationsFolder(), folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const keep =
      typeof dropLast === 'number'
        ? journal.entries.length - dropLast
        : journal.entries.findIndex((e: { tag: string }) =>
            readFileSync(join(folder, `${e.tag}.sql`), 'utf8').includes(dropLast.dropFrom),
          );
    journal.entries = journal.entries.slice(0, keep);
    writeFileSync(journalFile, JSON.stringify(journal));
    return folder;
  }

  const latestTag = () => readMigrationJournal(defaultMigrationsFolder()).at(-1)?.tag;

  it('backs the database up before migrating it, and the backup is the database as it was', () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-upgrade-'));
    const file = join(dir, 'navaia.db');
    const old = openDatabase(file, { migrationsFolder: olderRelease(1) });
    old.$client
      .prepare(
        "insert into customers (first_name, last_name, phone, time_zone, created_at, updated_at) values ('Grace', 'Hopper', '+12125550100', 'America/New_York', 0, 0)",
      )
      .run();
    const appliedByOld = old.$client
      .prepare('select count(*) from __drizzle_migrations')
      .pluck()
      .get() as number;
    old.$client.close();

    const upgraded = openDatabase(file, { now: () => Date.UTC(2026, 2, 14, 9, 15) });
    const applied = upgraded.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
    upgraded.$client.close();
    expect(applied).toBe(appliedByOld + 1);

    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toEqual([`navaia-before-${latestTag()}-20260314T091500000Z.db`]);
    const backup = new Database(join(dir, 'backups', backups[0]), { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(appliedByOld);
    expect(backup.prepare('select first_name from customers').pluck().all()).toEqual(['Grace']);
    backup.close();
  });

  it('makes no backup for a new empty file, nor when nothing is pending', () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-upgrade-'));
    const file = join(dir, 'navaia.db');
    openDatabase(file).$client.close();
    openDatabase(file).$client.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('gives an existing database its interest masks, DNC flags and audience indexes', () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-upgrade-'));
    const file = join(dir, 'navaia.db');
    const old = openDatabase(file, { migrationsFolder: olderRelease({ dropFrom: 'interest_mask' }) });
    const c = old.$client;
    const addCustomer = c.prepare(
      "insert into customers (id, first_name, phone, time_zone, created_at, updated_at) values (?, 'X', ?, 'America/New_York', 0, 0)",
    );
    for (const id of [1, 2, 3]) addCustomer.run(id, `+1212555010${id}`);
    const addTag = c.prepare('insert into customer_tags (customer_id, tag) values (?, ?)');
    for (const [id, tag] of [
      [1, 'waterfront'],
      [1, 'first-home'],
      [1, 'vip'],
      [2, 'vip'],
      [3, 'schools'],
    ] as const)
      addTag.run(id, tag);
    c.prepare("insert into dnc_numbers (phone, source, added_at) values ('+12125550102', 'manual', 0)").run();
    old.$client.close();

    const upgraded = openDatabase(file).$client;
    expect(
      upgraded.prepare('select id, interest_mask as mask, on_dnc as dnc from customers order by id').all(),
    ).toEqual([
      { id: 1, mask: 2 ** 0 + 2 ** 11, dnc: 0 },
      { id: 2, mask: 0, dnc: 1 },
      { id: 3, mask: 2 ** 1, dnc: 0 },
    ]);
    // From now on the triggers keep them: a tag removed, a number taken off the list.
    upgraded.prepare("delete from customer_tags where customer_id = 1 and tag = 'waterfront'").run();
    upgraded.prepare("delete from dnc_numbers where phone = '+12125550102'").run();
    expect(upgraded.prepare('select interest_mask from customers where id = 1').pluck().get()).toBe(2 ** 11);
    expect(upgraded.prepare('select on_dnc from customers where id = 2').pluck().get()).toBe(0);
    const indexes = upgraded
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'customers'")
      .pluck()
      .all();
    expect(indexes).toEqual(expect.arrayContaining(['customers_audience_idx', 'customers_audience_id_idx']));
    expect(indexes).not.toContain('customers_consent_idx');
    upgraded.close();
  });
});
