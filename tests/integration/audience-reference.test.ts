import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/core/app';
import { countAudience, sampleAudience } from '../../src/core/audience/count-audience';
import { campaignTemplates } from '../../src/core/campaigns/templates';
import type { Db } from '../../src/core/db/open';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { silentLogger } from '../../src/core/logging/logger';
import type { AudienceGroup, AudienceRule } from '../../src/shared/contract/audience';
import { invoker } from '../helpers/invoke';
import { createTempDb } from '../helpers/temp-db';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 24, 15);
const frequencyCapDays = 7;

const rule = (field: string, operator: string, value?: unknown): AudienceRule => ({ field, operator, value });
const and = (...rules: AudienceGroup['rules']): AudienceGroup => ({ combinator: 'and', rules });
const or = (...rules: AudienceGroup['rules']): AudienceGroup => ({ combinator: 'or', rules });

/**
 * The same audiences written by hand the plain way: tags and the DNC list looked up row by row, as the
 * app did before it had an interest mask, a DNC flag and covering indexes.
 */
const tagged = (...tags: string[]) =>
  `exists (select 1 from customer_tags t where t.customer_id = c.id and t.tag in (${tags.map((t) => `'${t}'`).join(', ')}))`;
const booked = (from: number, to: number) =>
  `exists (select 1 from bookings b where b.customer_id = c.id and b.scheduled_at >= ${from} and b.scheduled_at < ${to} and b.status <> 'cancelled')`;
const contractEnding = (days: number) =>
  `exists (select 1 from contracts k where k.customer_id = c.id and k.status = 'active' and k.ends_at >= ${now} and k.ends_at < ${now + days * day})`;
const notContactedIn = (days: number) =>
  `(c.last_contacted_at is null or c.last_contacted_at < ${now - days * day})`;

const templateReference: Record<string, string> = {
  'neighborhood-interest': `c.lifecycle_stage in ('lead', 'prospect') and ${tagged('waterfront', 'downtown', 'new-build')} and ${notContactedIn(14)}`,
  'booking-reminder': booked(now, now + 2 * day),
  renewal: contractEnding(60),
  upsell: `c.lifecycle_stage = 'customer' and c.lifetime_value >= 20000`,
};

const handMade: [string, AudienceGroup, string][] = [
  ['everyone', and(), '1'],
  [
    'city, one interest, not contacted in 14 days',
    and(
      rule('city', '=', 'Miami'),
      rule('interests', 'includesAny', ['waterfront']),
      rule('lastContacted', 'notWithinLastDays', 14),
    ),
    `c.city = 'Miami' and ${tagged('waterfront')} and ${notContactedIn(14)}`,
  ],
  [
    'neighborhoods, one of them unknown',
    and(rule('neighborhood', 'in', ['Brickell', 'Harlem', 'Nowhere'])),
    `c.neighborhood in ('Brickell', 'Harlem', 'Nowhere')`,
  ],
  [
    'not a city, and all of two interests',
    and(rule('city', '!=', 'Miami'), rule('interests', 'includesAll', ['garden', 'schools'])),
    `(c.city is null or c.city <> 'Miami') and ${tagged('garden')} and ${tagged('schools')}`,
  ],
  [
    'interests: all of a vocabulary tag and two tags outside it',
    and(rule('interests', 'includesAll', ['luxury', 'vip', 'repeat-buyer'])),
    `${tagged('luxury')} and ${tagged('vip')} and ${tagged('repeat-buyer')}`,
  ],
  [
    'none of three interests, one stage',
    and(
      rule('interests', 'includesNone', ['waterfront', 'luxury', 'vip']),
      rule('lifecycleStage', '=', 'prospect'),
    ),
    `not ${tagged('waterfront', 'luxury', 'vip')} and c.lifecycle_stage = 'prospect'`,
  ],
  [
    'a tag outside the vocabulary or a recent viewing',
    or(rule('interests', 'includesAny', ['vip', 'luxury']), rule('booking', 'inLastDays', 3)),
    `${tagged('vip', 'luxury')} or ${booked(now - 3 * day, now)}`,
  ],
  [
    'no viewing coming, in a city',
    and(rule('booking', 'noneInNextDays', 10), rule('city', '=', 'Austin')),
    `not ${booked(now, now + 10 * day)} and c.city = 'Austin'`,
  ],
  [
    'cities not in a list, value between',
    and(
      rule('city', 'notIn', ['Miami', 'London', 'Dubai']),
      rule('lifetimeValue', 'between', [30000, 10000]),
    ),
    `(c.city is null or c.city not in ('Miami', 'London', 'Dubai')) and c.lifetime_value between 10000 and 30000`,
  ],
  [
    'time zone and consent',
    and(rule('timeZone', '=', 'Europe/London'), rule('consent', 'in', ['verbal', 'none'])),
    `c.time_zone = 'Europe/London' and c.consent in ('verbal', 'none')`,
  ],
  [
    'a negated group',
    { combinator: 'and', not: true, rules: [rule('city', '=', 'Miami'), rule('lastContacted', 'never')] },
    `not (c.city = 'Miami' and c.last_contacted_at is null)`,
  ],
  [
    'contacted recently, long ago, or a missed viewing',
    or(
      rule('lastContacted', 'withinLastDays', 3),
      rule('lastContacted', 'before', '2026-07-01'),
      rule('bookingStatus', '=', 'no_show'),
    ),
    `c.last_contacted_at >= ${now - 3 * day} or c.last_contacted_at < ${Date.parse('2026-07-01')} or c.booking_status = 'no_show'`,
  ],
  [
    'contract ending soon, customers only',
    and(
      rule('contractEnds', 'withinNextDays', 14),
      rule('lifecycleStage', 'in', ['customer', 'past_customer']),
    ),
    `${contractEnding(14)} and c.lifecycle_stage in ('customer', 'past_customer')`,
  ],
];

const wideTags = Array.from({ length: 1_000 }, (_, i) => `tag-${i}`);
const unknownCities = Array.from({ length: 999 }, (_, i) => `Nowhere ${i}`);

describe('audience counts against plain reference queries', () => {
  let db: Db;
  let cleanup: () => void;

  beforeAll(() => {
    ({ db, cleanup } = createTempDb());
    seedDemoData(db, { customers: 4000, now });
    const c = db.$client;
    // Some numbers on the DNC list (one no customer has), tags outside the vocabulary, and tags removed
    // and renamed after the seed, so every path that changes tags has happened before counting.
    c.exec(`insert into dnc_numbers (phone, source, added_at)
      select distinct phone, 'manual', 0 from customers where id % 23 = 5 union all select '+15550000000', 'manual', 0`);
    c.exec(`insert into customer_tags (customer_id, tag) select id, 'vip' from customers where id % 7 = 1`);
    c.exec(
      `insert into customer_tags (customer_id, tag) select id, 'repeat-buyer' from customers where id % 5 = 1`,
    );
    c.exec(`delete from customer_tags where tag = 'luxury' and customer_id % 3 = 0`);
    c.exec(`update customer_tags set tag = 'garden' where tag = 'gym' and customer_id % 2 = 0
      and not exists (select 1 from customer_tags g where g.customer_id = customer_tags.customer_id and g.tag = 'garden')`);
    c.exec(`update customers set phone_valid = 0 where id % 41 = 0`);
    // One customer with a thousand tags outside the vocabulary, for the widest lists.
    const addTag = c.prepare('insert into customer_tags (customer_id, tag) values (?, ?)');
    for (const tag of wideTags) addTag.run(17, tag);
  });
  afterAll(() => cleanup());

  const reference = (where: string) =>
    db.$client
      .prepare(
        `select count(*) as matched,
          total(exists (select 1 from dnc_numbers d where d.phone = c.phone)) as dnc,
          total(c.consent = 'none') as no_consent,
          total(c.phone_valid = 0) as invalid_phone,
          total(coalesce(c.last_contacted_at >= ${now - frequencyCapDays * day}, 0)) as frequency_cap,
          total(not (exists (select 1 from dnc_numbers d where d.phone = c.phone) or c.consent = 'none'
            or c.phone_valid = 0 or coalesce(c.last_contacted_at >= ${now - frequencyCapDays * day}, 0))) as eligible,
          total(c.time_zones = '' and not (exists (select 1 from dnc_numbers d where d.phone = c.phone)
            or c.consent = 'none' or c.phone_valid = 0
            or coalesce(c.last_contacted_at >= ${now - frequencyCapDays * day}, 0))) as zone_unknown,
          total(c.demo = 1 and not (exists (select 1 from dnc_numbers d where d.phone = c.phone)
            or c.consent = 'none' or c.phone_valid = 0
            or coalesce(c.last_contacted_at >= ${now - frequencyCapDays * day}, 0))) as demo
        from customers c where ${where}`,
      )
      .get() as Record<string, number>;
  const expected = (where: string) => {
    const r = reference(where);
    return {
      matched: r.matched,
      suppressed: {
        dnc: r.dnc,
        no_consent: r.no_consent,
        invalid_phone: r.invalid_phone,
        frequency_cap: r.frequency_cap,
      },
      eligible: r.eligible,
      held: { timeZoneUnknown: r.zone_unknown, demo: r.demo },
    };
  };

  it.each(campaignTemplates.map((t) => [t.id, t.campaign.criteria] as const))(
    'the %s template counts what the plain query counts',
    (id, criteria) => {
      const want = expected(templateReference[id]);
      expect(want.matched).toBeGreaterThan(0);
      expect(countAudience(db, criteria, { now, frequencyCapDays })).toEqual(want);
      // The tallies unpacked row by row, as past two million customers.
      expect(countAudience(db, criteria, { now, frequencyCapDays }, { perRow: true })).toEqual(want);
    },
  );

  it('has a reference for every template', () => {
    expect(Object.keys(templateReference).sort()).toEqual(campaignTemplates.map((t) => t.id).sort());
  });

  it.each(handMade)('%s: counts what the plain query counts', (_, criteria, where) => {
    expect(countAudience(db, criteria, { now, frequencyCapDays })).toEqual(expected(where));
    expect(countAudience(db, criteria, { now, frequencyCapDays }, { perRow: true })).toEqual(expected(where));
  });

  it('counts with no frequency cap, and an audience nobody matches', () => {
    const everyone = countAudience(db, and(), { now, frequencyCapDays: 0 });
    const suppressed = reference('1');
    expect(everyone.suppressed.frequency_cap).toBe(0);
    expect(everyone.matched).toBe(suppressed.matched);
    expect(everyone.suppressed.dnc).toBe(suppressed.dnc);
    const plain = db.$client
      .prepare(
        `select count(*) from customers c where not (exists (select 1 from dnc_numbers d where d.phone = c.phone)
          or c.consent = 'none' or c.phone_valid = 0)`,
      )
      .pluck()
      .get();
    expect(everyone.eligible).toBe(plain);
    const nobody = countAudience(db, and(rule('city', '=', 'Atlantis')), { now, frequencyCapDays });
    expect(nobody).toEqual(expected('0'));
  });

  it('the buckets are not all empty, so a wrong bucket would show', () => {
    const all = countAudience(db, and(), { now, frequencyCapDays });
    for (const n of Object.values(all.suppressed)) expect(n).toBeGreaterThan(0);
  });

  it('samples customers that match, with the reasons the plain query gives', () => {
    const [, criteria, where] = handMade[1];
    const sample = sampleAudience(db, criteria, { now, frequencyCapDays, limit: 20 });
    expect(sample.length).toBe(20);
    const matching = new Set(
      db.$client.prepare(`select id from customers c where ${where}`).pluck().all() as number[],
    );
    for (const s of sample) expect(matching.has(s.id)).toBe(true);
    expect(sample.map((s) => s.id)).toEqual([...sample.map((s) => s.id)].sort((a, b) => a - b));
    const onDnc = db.$client.prepare('select 1 from dnc_numbers where phone = ?').pluck();
    for (const s of sample) expect(s.suppressedBy.includes('dnc')).toBe(onDnc.get(s.phone) === 1);
  });

  it('counts lists of a thousand values, and rules whose values together pass SQLite’s variable limit', () => {
    const count = (criteria: AudienceGroup) => countAudience(db, criteria, { now, frequencyCapDays });
    expect(count(and(rule('city', 'in', ['Miami', ...unknownCities])))).toEqual(expected(`c.city = 'Miami'`));
    expect(count(and(rule('interests', 'includesAll', wideTags)))).toEqual(expected('c.id = 17'));
    expect(count(and(rule('interests', 'includesAll', [...wideTags.slice(1), 'missing'])))).toEqual(
      expected('0'),
    );
    expect(count(and(rule('interests', 'includesAny', ['luxury', ...wideTags.slice(1)])))).toEqual(
      expected(`${tagged('luxury')} or c.id = 17`),
    );
    // 40 rules of 1,000 values: 40,000 values, more than the 32,766 variables a statement may have.
    const manyRules = or(
      ...Array.from({ length: 40 }, (_, i) =>
        rule('neighborhood', 'notIn', [`Brickell`, ...unknownCities.map((c) => `${c}-${i}`)]),
      ),
    );
    expect(count(manyRules)).toEqual(expected(`c.neighborhood is null or c.neighborhood <> 'Brickell'`));
  });

  it('suggests the cities, neighborhoods and time zones customers have', async () => {
    const app = createApp({ db, logger: silentLogger, host: 'cli', dataFile: ':memory:' });
    const call = invoker(app);
    const plain = (column: string) =>
      db.$client
        .prepare(`select distinct ${column} from customers where ${column} is not null order by ${column}`)
        .pluck()
        .all();
    db.$client.prepare('update customers set neighborhood = null, city = null where id = 3').run();
    for (const [field, column] of [
      ['city', 'city'],
      ['neighborhood', 'neighborhood'],
      ['timeZone', 'time_zone'],
    ] as const) {
      const values = await call('audience.values', { field });
      expect(values).toEqual({ ok: true, result: plain(column) });
      expect(plain(column).length).toBeGreaterThan(1);
    }
    app.context.bus.close();
  });
});
