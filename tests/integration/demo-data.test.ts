import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { listCustomers } from '../../src/core/customers/list-customers';
import { demoPerson } from '../../src/core/db/seed/demo-catalog';
import { isFictionalNumber } from '../../src/core/db/seed/demo-phones';
import { ensureDemoData, seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { tempDbsPerTest } from '../helpers/temp-db';

const now = Date.UTC(2026, 10, 24, 12);

describe('demo data', () => {
  const tempDb = tempDbsPerTest();
  const fresh = () => tempDb().db;

  it('is the same for the same seed and different for another', () => {
    const dump = (seed: number) => {
      const db = fresh();
      seedDemoData(db, { customers: 300, seed, now });
      return db.$client
        .prepare('select first_name, last_name, phone, city, consent from customers order by id')
        .all();
    };
    expect(dump(7)).toEqual(dump(7));
    expect(dump(7)).not.toEqual(dump(8));
  });

  it('marks every customer as demo and gives each a valid, fictional number and a real time zone matching the number’s country', () => {
    const db = fresh();
    seedDemoData(db, { customers: 3000, now });
    const rows = db.$client
      .prepare('select phone, time_zone as timeZone, time_zones as timeZones, region, demo from customers')
      .all() as {
      phone: string;
      timeZone: string;
      timeZones: string;
      region: string;
      demo: number;
    }[];
    // Regulators keep few fictional numbers (100 per North American area code): demo customers share them.
    expect(rows.every((r) => r.demo === 1)).toBe(true);
    expect(rows.every((r) => isFictionalNumber(r.phone))).toBe(true);
    expect(rows.every((r) => r.timeZones === r.timeZone)).toBe(true);
    expect(new Set(rows.map((r) => r.phone)).size).toBeGreaterThan(1000);
    const countryOfZone: Record<string, string> = {
      'America/New_York': 'US',
      'America/Chicago': 'US',
      'America/Denver': 'US',
      'America/Los_Angeles': 'US',
      'Europe/London': 'GB',
      'Australia/Sydney': 'AU',
      'Australia/Melbourne': 'AU',
    };
    for (const row of rows) {
      const parsed = parsePhoneNumberFromString(row.phone);
      expect(parsed?.isValid(), row.phone).toBe(true);
      expect(parsed?.number).toBe(row.phone);
      expect(DateTime.now().setZone(row.timeZone).isValid, row.timeZone).toBe(true);
      expect(parsed?.country).toBe(countryOfZone[row.timeZone]);
    }
    expect(new Set(rows.map((r) => r.timeZone)).size).toBeGreaterThanOrEqual(5);
  });

  it('includes interests, upcoming viewings and contracts ending soon for the real-estate use cases', () => {
    const db = fresh();
    const result = seedDemoData(db, { customers: 2000, now });
    expect(result.customers).toBe(2000);
    const q = (sql: string, ...params: unknown[]) =>
      db.$client
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    expect(q('select count(distinct tag) from customer_tags')).toBeGreaterThanOrEqual(8);
    expect(
      q(
        'select count(*) from bookings where scheduled_at > ? and scheduled_at < ?',
        now,
        now + 14 * 86_400_000,
      ),
    ).toBeGreaterThan(0);
    expect(
      q('select count(*) from contracts where ends_at > ? and ends_at < ?', now, now + 90 * 86_400_000),
    ).toBeGreaterThan(0);
    expect(q("select count(*) from customers where consent = 'none'")).toBeGreaterThan(0);
    expect(q('select count(*) from customers where last_contacted_at is null')).toBeGreaterThan(0);
  });

  it('always has the demo person first, findable by name and number', () => {
    const db = fresh();
    seedDemoData(db, { customers: 500, now });
    for (const search of ['Amelia', 'whitford', 'Amelia Whitford', '+1305555', '305555']) {
      const page = listCustomers(db, { search, sort: 'name', direction: 'asc', offset: 0, limit: 50 });
      expect(
        page.rows.some((r) => r.firstName === demoPerson.firstName && r.lastName === demoPerson.lastName),
        search,
      ).toBe(true);
    }
  });

  it('seeds an empty database on first start only', () => {
    const db = fresh();
    expect(ensureDemoData(db, now, 100)?.customers).toBe(100);
    expect(ensureDemoData(db, now, 100)).toBeUndefined();
    expect(db.$client.prepare('select count(*) from customers').pluck().get()).toBe(100);
  });
});
