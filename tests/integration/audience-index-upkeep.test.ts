import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { interestBit } from '../../src/core/audience/interest-mask';
import { addDnc, removeDnc } from '../../src/core/compliance/dnc';
import { importDncCsv } from '../../src/core/compliance/dnc-import';
import { guessMapping } from '../../src/core/customers/import/column-mapping';
import { importCustomersCsv } from '../../src/core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../src/core/customers/import/preview-csv';
import { createRejectsFile } from '../../src/core/customers/import/rejects-file';
import type { Db } from '../../src/core/db/open';
import { demoPerson } from '../../src/core/db/seed/demo-catalog';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { tempDbsPerTest } from '../helpers/temp-db';

const now = Date.UTC(2026, 10, 24, 15);

/** Customers whose interest mask or DNC flag disagrees with their tags or the DNC list. */
const outOfStep = (db: Db) =>
  db.$client
    .prepare(
      `select id, interest_mask as mask, on_dnc as onDnc from customers c
       where interest_mask <> coalesce((select sum(1 << b.bit) from customer_tags t
           join interest_bits b on b.tag = t.tag where t.customer_id = c.id), 0)
         or on_dnc <> exists (select 1 from dnc_numbers d where d.phone = c.phone)`,
    )
    .all();
const flagged = (db: Db) => db.$client.prepare('select count(*) from customers where on_dnc').pluck().get();
const masked = (db: Db) =>
  db.$client.prepare('select count(*) from customers where interest_mask <> 0').pluck().get();

describe('the interest mask and the DNC flag stay right whatever writes the data', () => {
  const tempDb = tempDbsPerTest();
  const fresh = () => {
    const temp = tempDb();
    return { db: temp.db, dir: temp.file.replace(/navaia\.db$/, '') };
  };

  it('gives each vocabulary interest the bit the code uses, in the database', () => {
    const { db } = fresh();
    const stored = db.$client.prepare('select tag, bit from interest_bits order by bit').all();
    expect(stored).toEqual([...interestBit].map(([tag, bit]) => ({ tag, bit })));
  });

  it('a CSV import: new customers, tags replaced on a re-import, a number already on the DNC list', async () => {
    const { db, dir } = fresh();
    addDnc(db, '+13055550101', null, now);
    const importText = (text: string) =>
      importCustomersCsv(db, Readable.from([text]), {
        mapping: guessMapping(previewCustomerCsv(text).headers),
        now,
        rejects: createRejectsFile(`${dir}rejects.csv`),
      });
    const header = 'External ID,Name,Phone,Interests';
    await importText(
      `${header}\nA,Ann Lee,(305) 555-0100,"Waterfront; Luxury; VIP"\nB,Bo Diaz,(305) 555-0101,schools\nC,Cy Ode,(305) 555-0102,\n`,
    );
    expect(outOfStep(db)).toEqual([]);
    expect(masked(db)).toBe(2);
    expect(flagged(db)).toBe(1);
    // B changes number (off the list), A loses luxury and gains gym.
    await importText(`${header}\nA,Ann Lee,(305) 555-0100,waterfront;gym\nB,Bo Diaz,(305) 555-0109,\n`);
    expect(outOfStep(db)).toEqual([]);
    expect(flagged(db)).toBe(0);
    expect(
      db.$client.prepare("select interest_mask from customers where external_id = 'A'").pluck().get(),
    ).toBe(2 ** interestBit.get('waterfront')! + 2 ** interestBit.get('gym')!);
  });

  it('a first load in bulk, triggers left out while it runs; and one killed midway is put right by the next import', async () => {
    const { db, dir } = fresh();
    const triggers = () =>
      db.$client.prepare("select name from sqlite_master where type = 'trigger' order by name").pluck().all();
    const all = triggers();
    addDnc(db, '+13055550101', null, now);
    const importText = (text: string, bulkFirstLoad: boolean) =>
      importCustomersCsv(db, Readable.from([text]), {
        mapping: guessMapping(previewCustomerCsv(text).headers),
        now,
        rejects: createRejectsFile(`${dir}rejects.csv`),
        bulkFirstLoad,
      });
    const rows = Array.from(
      { length: 300 },
      (_, i) => `X${i},P ${i},+1305555${String(100 + i).padStart(4, '0')},garden;vip`,
    );
    await importText(`External ID,Name,Phone,Interests\n${rows.join('\n')}\n`, true);
    expect(outOfStep(db)).toEqual([]);
    expect([masked(db), flagged(db)]).toEqual([300, 1]);
    expect(triggers()).toEqual(all);
    // As a load killed midway leaves it: triggers gone, rows written without them.
    db.$client.exec('drop trigger customer_tags_mask_insert; drop trigger customers_on_dnc_insert');
    db.$client.exec(
      "insert into customer_tags (customer_id, tag) select id, 'gym' from customers where id % 2 = 0",
    );
    addDnc(db, '+13055559999', null, now);
    db.$client.exec(`insert into customers (first_name, phone, time_zone, created_at, updated_at)
      values ('Listed', '+13055559999', 'America/New_York', 0, 0)`);
    expect(outOfStep(db)).not.toEqual([]);
    await importText('Name,Phone\nAnn Lee,(212) 555-0100\n', false);
    expect(triggers()).toEqual(all);
    expect(outOfStep(db)).toEqual([]);
    expect(flagged(db)).toBe(2);
  });

  it.each([
    ['row by row', false],
    ['with indexes and triggers built after the rows', true],
  ])('a seed (%s), with a number on the DNC list beforehand', (_, deferIndexes) => {
    const { db } = fresh();
    const triggers = () =>
      db.$client.prepare("select name from sqlite_master where type = 'trigger' order by name").pluck().all();
    const before = triggers();
    addDnc(db, demoPerson.phone, null, now);
    seedDemoData(db, { customers: 1500, now, deferIndexes });
    expect(outOfStep(db)).toEqual([]);
    expect(flagged(db)).toBe(1);
    expect(masked(db)).toBeGreaterThan(1000);
    expect(triggers()).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(8);
  });

  it('the DNC list: numbers added, imported and removed; a customer’s number changed', () => {
    const { db } = fresh();
    seedDemoData(db, { customers: 300, now });
    const phones = db.$client
      .prepare('select phone from customers order by id limit 5')
      .pluck()
      .all() as string[];
    addDnc(db, phones[0], 'asked', now);
    importDncCsv(db, `phone\n${phones[1]}\n${phones[2]}\n+13055550177\n`, { region: 'US', now });
    // Demo customers share the few fictional numbers there are: count who has each listed number.
    const holders = () =>
      db.$client
        .prepare('select count(*) from customers where phone in (select phone from dnc_numbers)')
        .pluck()
        .get() as number;
    expect(holders()).toBeGreaterThanOrEqual(3);
    expect(flagged(db)).toBe(holders());
    removeDnc(db, phones[1]);
    db.$client.prepare('update customers set phone = ? where phone = ?').run('+13055559999', phones[2]);
    db.$client.prepare('update customers set phone = ? where phone = ?').run('+13055550177', phones[3]);
    expect(outOfStep(db)).toEqual([]);
    expect(flagged(db)).toBe(holders());
    expect(holders()).toBeGreaterThanOrEqual(2);
  });

  it('a number added to or removed from the DNC list finds its customers through an index, demo or real', () => {
    const { db } = fresh();
    seedDemoData(db, { customers: 300, now });
    db.$client.exec(
      `update customers set demo = 0, phone = '+1212555' || printf('%04d', id) where id % 2 = 0`,
    );
    const plan = (text: string) =>
      (db.$client.prepare(`explain query plan ${text}`).all('+1') as { detail: string }[]).map(
        (r) => r.detail,
      );
    const triggers = db.$client
      .prepare("select sql from sqlite_master where type = 'trigger' and tbl_name = 'dnc_numbers'")
      .pluck()
      .all() as string[];
    const updates = triggers.flatMap((t) => t.match(/UPDATE `customers`[^;]+/g) ?? []);
    expect(updates.length).toBe(8);
    for (const update of updates) {
      const steps = plan(update.replace(/(new|old)\.`phone`/g, '?'));
      expect(steps.join(' '), update).toMatch(/USING INDEX customers_(phone_unique|demo_phone_idx)/);
    }
    const demoPhone = db.$client
      .prepare('select phone from customers where demo = 1 limit 1')
      .pluck()
      .get() as string;
    const realPhone = db.$client
      .prepare('select phone from customers where demo = 0 limit 1')
      .pluck()
      .get() as string;
    addDnc(db, demoPhone, null, now);
    addDnc(db, realPhone, null, now);
    expect(outOfStep(db)).toEqual([]);
    expect(flagged(db)).toBeGreaterThanOrEqual(2);
    removeDnc(db, demoPhone);
    removeDnc(db, realPhone);
    expect(outOfStep(db)).toEqual([]);
    expect(flagged(db)).toBe(0);
  });

  it('tags written directly: added, renamed, moved to another customer, deleted with their customer', () => {
    const { db } = fresh();
    seedDemoData(db, { customers: 300, now });
    const c = db.$client;
    c.exec(
      "insert or ignore into customer_tags (customer_id, tag) select id, 'garden' from customers where id % 4 = 0",
    );
    c.exec("update or ignore customer_tags set tag = 'parking' where tag = 'gym'");
    c.exec(
      "update or ignore customer_tags set customer_id = customer_id + 1 where tag = 'schools' and customer_id < 300",
    );
    c.exec('delete from customers where id % 10 = 0');
    expect(outOfStep(db)).toEqual([]);
  });
});
