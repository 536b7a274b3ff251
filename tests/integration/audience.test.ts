import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCriteria } from '../../src/core/audience/compile-criteria';
import { countAudience, sampleAudience } from '../../src/core/audience/count-audience';
import type { Db } from '../../src/core/db/open';
import { describeAudience } from '../../src/shared/audience/describe-audience';
import type { AudienceGroup, AudienceRule } from '../../src/shared/contract/audience';
import { createTempDb } from '../helpers/temp-db';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 24, 15);

interface Person {
  id: number;
  name: string;
  city?: string | null;
  neighborhood?: string | null;
  stage?: string;
  consent?: string;
  tags?: string[];
  lastContacted?: number | null;
  since?: number | null;
  ltv?: number;
  budget?: [number, number] | null;
  type?: string | null;
  valid?: boolean;
  booking?: number;
  contractEnds?: number;
  tz?: string;
}

// Hand-built customers, each one chosen to sit on an edge of some rule.
const people: Person[] = [
  {
    id: 1,
    name: 'Ann',
    city: 'Miami',
    neighborhood: 'Brickell',
    tags: ['waterfront', 'luxury'],
    consent: 'written',
    lastContacted: now - 30 * day,
    since: Date.UTC(2020, 0, 1),
    ltv: 50_000,
    budget: [300_000, 600_000],
    type: 'condo',
    booking: now + 3 * day,
  },
  {
    id: 2,
    name: 'Bob',
    city: 'Miami',
    neighborhood: 'Wynwood',
    tags: ['schools'],
    consent: 'verbal',
    lastContacted: now - 2 * day,
    since: Date.UTC(2025, 5, 1),
    ltv: 0,
    budget: [150_000, 250_000],
    type: 'house',
    booking: now - 5 * day,
  },
  {
    id: 3,
    name: 'Cy',
    city: 'Austin',
    neighborhood: 'Zilker',
    tags: [],
    consent: 'none',
    lastContacted: null,
    since: null,
    ltv: 12_000,
    budget: null,
    type: null,
    contractEnds: now + 20 * day,
  },
  {
    id: 4,
    name: 'Di',
    city: null,
    neighborhood: null,
    tags: ['waterfront'],
    consent: 'written',
    lastContacted: null,
    since: Date.UTC(2026, 9, 1),
    ltv: 90_000,
    budget: [500_000, 900_000],
    type: 'villa',
    valid: false,
    tz: 'America/Los_Angeles',
    stage: 'customer',
    contractEnds: now + 120 * day,
  },
  {
    id: 5,
    name: 'Ed',
    city: 'Austin',
    neighborhood: 'Mueller',
    tags: ['luxury', 'schools', 'garden'],
    consent: 'written',
    lastContacted: now - 100 * day,
    since: Date.UTC(2019, 3, 3),
    ltv: 5_000,
    budget: [200_000, 400_000],
    type: 'house',
    stage: 'prospect',
  },
];

function insertPeople(db: Db) {
  const c = db.$client;
  for (const p of people) {
    c.prepare(
      `insert into customers (id, first_name, phone, phone_valid, time_zone, city, neighborhood, lifecycle_stage, consent,
        last_contacted_at, customer_since, lifetime_value, budget_min, budget_max, preferred_property_type, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.id,
      p.name,
      `+1212555010${p.id}`,
      p.valid === false ? 0 : 1,
      p.tz ?? 'America/New_York',
      p.city ?? null,
      p.neighborhood ?? null,
      p.stage ?? 'lead',
      p.consent ?? 'written',
      p.lastContacted ?? null,
      p.since ?? null,
      p.ltv ?? 0,
      p.budget?.[0] ?? null,
      p.budget?.[1] ?? null,
      p.type ?? null,
      now,
      now,
    );
    for (const tag of p.tags ?? []) c.prepare('insert into customer_tags values (?, ?)').run(p.id, tag);
    if (p.booking)
      c.prepare(
        `insert into bookings (customer_id, scheduled_at, status, created_at) values (?, ?, 'scheduled', ?)`,
      ).run(p.id, p.booking, now);
    if (p.contractEnds)
      c.prepare(
        `insert into contracts (customer_id, kind, starts_at, ends_at, status) values (?, 'lease', ?, ?, 'active')`,
      ).run(p.id, now - 300 * day, p.contractEnds);
  }
}

describe('audience criteria', () => {
  let db: Db;
  let cleanup: () => void;
  beforeEach(() => {
    ({ db, cleanup } = createTempDb());
    insertPeople(db);
  });
  afterEach(() => cleanup());

  const ids = (criteria: AudienceGroup) =>
    db
      .all<{ id: number }>(sql`select id from customers where ${compileCriteria(criteria, now)} order by id`)
      .map((r) => r.id);
  const rule = (field: string, operator: string, value?: unknown): AudienceGroup => ({
    combinator: 'and',
    rules: [{ field, operator, value } as AudienceRule],
  });

  const cases: [string, string, unknown, number[]][] = [
    ['interests', 'includesAny', ['waterfront', 'garden'], [1, 4, 5]],
    ['interests', 'includesAny', 'luxury, schools', [1, 2, 5]],
    ['interests', 'includesAll', ['luxury', 'schools'], [5]],
    ['interests', 'includesNone', ['waterfront'], [2, 3, 5]],
    ['city', '=', 'Miami', [1, 2]],
    ['city', '!=', 'Miami', [3, 4, 5]],
    ['city', 'in', ['Austin', 'Boston'], [3, 5]],
    ['city', 'notIn', 'Austin', [1, 2, 4]],
    ['neighborhood', '=', 'Zilker', [3]],
    ['timeZone', '=', 'America/Los_Angeles', [4]],
    ['lifecycleStage', 'in', ['customer', 'prospect'], [4, 5]],
    ['preferredPropertyType', '=', 'house', [2, 5]],
    ['consent', '=', 'none', [3]],
    ['booking', 'inNextDays', 7, [1]],
    ['booking', 'inLastDays', '7', [2]],
    ['booking', 'noneInNextDays', 7, [2, 3, 4, 5]],
    ['lastContacted', 'never', undefined, [3, 4]],
    ['lastContacted', 'withinLastDays', 31, [1, 2]],
    ['lastContacted', 'notWithinLastDays', 31, [3, 4, 5]],
    ['lastContacted', 'before', '2026-09-01', [5]],
    ['lastContacted', 'after', '2026-09-01', [1, 2]],
    ['customerSince', 'before', '2021-01-01', [1, 5]],
    ['customerSince', 'after', '2025-01-01', [2, 4]],
    ['customerSince', 'withinLastDays', 90, [4]],
    ['lifetimeValue', '>=', 50_000, [1, 4]],
    ['lifetimeValue', '<=', '5000', [2, 5]],
    ['lifetimeValue', 'between', [10_000, 60_000], [1, 3]],
    ['budget', 'covers', 350_000, [1, 5]],
    ['budget', 'overlaps', '100000,160000', [2]],
    ['contractEnds', 'withinNextDays', 30, [3]],
  ];
  it.each(cases)('%s %s %j matches exactly the expected customers', (field, operator, value, expected) => {
    expect(ids(rule(field, operator, value))).toEqual(expected);
  });

  it('treats an empty group as everyone, and negates groups with not', () => {
    expect(ids({ combinator: 'and', rules: [] })).toEqual([1, 2, 3, 4, 5]);
    expect(
      ids({ combinator: 'and', not: true, rules: [{ field: 'city', operator: '=', value: 'Miami' }] }),
    ).toEqual([3, 4, 5]);
  });

  it('combines nested and/or groups', () => {
    const criteria: AudienceGroup = {
      combinator: 'or',
      rules: [
        {
          combinator: 'and',
          rules: [
            { field: 'city', operator: '=', value: 'Miami' },
            { field: 'interests', operator: 'includesAny', value: ['schools'] },
          ],
        },
        {
          combinator: 'and',
          not: true,
          rules: [
            { field: 'lastContacted', operator: 'never' },
            { combinator: 'or', rules: [] },
          ],
        },
      ],
    };
    // (Miami and schools) → 2; not (never contacted and everyone) → contacted ones 1, 2, 5
    expect(ids(criteria)).toEqual([1, 2, 5]);
  });

  it('matches nothing and breaks nothing when a value carries an injection attempt', () => {
    expect(ids(rule('city', '=', "Miami' OR 1=1 --"))).toEqual([]);
    expect(ids(rule('interests', 'includesAny', ["x') or 1=1 --"]))).toEqual([]);
    expect(ids(rule('city', 'in', ['"); drop table customers; --']))).toEqual([]);
    expect(db.$client.prepare('select count(*) from customers').pluck().get()).toBe(5);
  });

  it('rejects unknown fields, wrong operators and bad values with a clear message', () => {
    expect(() => ids(rule('password', '=', 'x'))).toThrow(
      /Unknown audience field “password”: use one of interests, city, neighborhood, timeZone, lifecycleStage, /,
    );
    expect(() => ids(rule('city', 'includesAll', ['x']))).toThrow(
      /City cannot be filtered with “includesAll”/,
    );
    expect(() => ids(rule('lifetimeValue', '>=', 'lots'))).toThrow(/Lifetime value/);
    expect(() => ids(rule('lastContacted', 'before', 'someday'))).toThrow(/enter a date/);
  });

  it('counts matched customers, each suppression bucket, and the eligible rest', () => {
    db.$client
      .prepare(`insert into dnc_numbers (phone, source, added_at) values ('+12125550101', 'manual', ?)`)
      .run(now);
    const count = countAudience(db, { combinator: 'and', rules: [] }, { now, frequencyCapDays: 7 });
    // 1 on DNC; 3 no consent; 4 invalid phone; 2 contacted 2 days ago (cap 7); 5 eligible only.
    expect(count).toEqual({
      matched: 5,
      suppressed: { dnc: 1, no_consent: 1, invalid_phone: 1, frequency_cap: 1 },
      eligible: 1,
      held: { timeZoneUnknown: expect.any(Number), demo: 0 },
    });
    expect(countAudience(db, rule('city', '=', 'Nowhere'), { now, frequencyCapDays: 7 })).toEqual({
      matched: 0,
      suppressed: { dnc: 0, no_consent: 0, invalid_phone: 0, frequency_cap: 0 },
      eligible: 0,
      held: { timeZoneUnknown: 0, demo: 0 },
    });
    const sample = sampleAudience(
      db,
      { combinator: 'and', rules: [] },
      { now, frequencyCapDays: 7, limit: 20 },
    );
    expect(sample.map((s) => [s.id, s.suppressedBy])).toEqual([
      [1, ['dnc']],
      [2, ['frequency_cap']],
      [3, ['no_consent']],
      [4, ['invalid_phone']],
      [5, []],
    ]);
  });

  it('describes an audience in plain language', () => {
    expect(describeAudience({ combinator: 'and', rules: [] })).toBe('All customers');
    expect(
      describeAudience({
        combinator: 'and',
        rules: [
          { field: 'interests', operator: 'includesAny', value: ['waterfront', 'luxury'] },
          { field: 'city', operator: '=', value: 'Miami' },
          { field: 'lastContacted', operator: 'notWithinLastDays', value: 30 },
        ],
      }),
    ).toBe(
      'Customers whose interests include any of waterfront or luxury and city is Miami and last contacted not in the last 30 days (or never)',
    );
  });
});
