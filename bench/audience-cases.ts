/**
 * The audiences the audience benchmarks time: the example and every template's criteria, each
 * with the best hand-written SQLite query found for the same eight figures (matched, the four
 * suppression buckets, eligible, the two held) and the index that query is best with.
 */
import { interestMaskOf } from '../src/core/audience/interest-mask';
import { campaignTemplates } from '../src/core/campaigns/templates';
import type { Db } from '../src/core/db/open';
import type { AudienceGroup } from '../src/shared/contract/audience';

const day = 86_400_000;
export const frequencyCapDays = 7;

export interface AudienceCase {
  name: string;
  criteria: AudienceGroup;
  /** An index made for this query alone (the raw side may have any index; the app has its few). */
  rawIndexes: string[];
  /** The query's FROM and WHERE, with `@now`-style parameters from `rawParams`. */
  rawFromWhere: string;
}

const template = (id: string) => {
  const criteria = campaignTemplates.find((t) => t.id === id)?.campaign.criteria;
  if (!criteria) throw new Error(`no template ${id}`);
  return criteria;
};
const notContactedIn14 = '(last_contacted_at is null or last_contacted_at < @since14)';
/**
 * What every raw query reads of a matched customer, after the columns it searches on: the packed tallies
 * (see `suppressionTally` in the customers schema) in the index, the fastest form of the buckets found — a raw query adding up
 * filtered counts of on_dnc, consent, phone_valid, time_zones and demo was 2–4× slower.
 */
const suppressionTally = `(on_dnc + ((consent = 'none') << 21) + ((phone_valid = 0) << 42))`;
const eligibleTally = `(case when on_dnc = 1 or consent = 'none' or phone_valid = 0 then 0 else 1 + ((time_zones = '') << 21) + (demo << 42) end)`;
const bucketColumns = `last_contacted_at, ${suppressionTally}, ${eligibleTally}`;
const byId = `create index bench_customers_by_id on customers (id, ${bucketColumns})`;

export const audienceCases: AudienceCase[] = [
  {
    name: 'city + interest + not contacted in 14 days',
    criteria: {
      combinator: 'and',
      rules: [
        { field: 'city', operator: '=', value: 'Miami' },
        { field: 'interests', operator: 'includesAny', value: ['waterfront'] },
        { field: 'lastContacted', operator: 'notWithinLastDays', value: 14 },
      ],
    },
    rawIndexes: [`create index bench_city on customers (city, interest_mask, ${bucketColumns})`],
    rawFromWhere: `customers indexed by bench_city where city = 'Miami'
      and (interest_mask & ${interestMaskOf(['waterfront']).mask}) <> 0 and ${notContactedIn14}`,
  },
  {
    name: 'template: neighborhood interest',
    criteria: template('neighborhood-interest'),
    rawIndexes: [
      `create index bench_stage_mask on customers (lifecycle_stage, interest_mask, ${bucketColumns})`,
    ],
    rawFromWhere: `customers indexed by bench_stage_mask where lifecycle_stage in ('lead', 'prospect')
      and (interest_mask & ${interestMaskOf(['waterfront', 'downtown', 'new-build']).mask}) <> 0 and ${notContactedIn14}`,
  },
  {
    name: 'template: booking reminder',
    criteria: template('booking-reminder'),
    rawIndexes: [byId, 'create index bench_bookings on bookings (scheduled_at, status, customer_id)'],
    rawFromWhere: `customers indexed by bench_customers_by_id where id in (select customer_id from bookings
      indexed by bench_bookings where scheduled_at >= @now and scheduled_at < @in2 and status <> 'cancelled')`,
  },
  {
    name: 'template: renewal',
    criteria: template('renewal'),
    rawIndexes: [byId, 'create index bench_contracts on contracts (status, ends_at, customer_id)'],
    rawFromWhere: `customers indexed by bench_customers_by_id where id in (select customer_id from contracts
      indexed by bench_contracts where status = 'active' and ends_at >= @now and ends_at < @in60)`,
  },
  {
    name: 'template: upsell',
    criteria: template('upsell'),
    rawIndexes: [
      `create index bench_stage_value on customers (lifecycle_stage, lifetime_value, ${bucketColumns})`,
    ],
    rawFromWhere: `customers indexed by bench_stage_value where lifecycle_stage = 'customer' and lifetime_value >= 20000`,
  },
  {
    name: 'everyone (no rules)',
    criteria: { combinator: 'and', rules: [] },
    rawIndexes: [`create index bench_buckets on customers (${bucketColumns})`],
    rawFromWhere: 'customers indexed by bench_buckets',
  },
];

export const rawParams = (now: number) => ({
  now,
  since14: now - 14 * day,
  in2: now + 2 * day,
  in60: now + 60 * day,
  capFrom: now - frequencyCapDays * day,
});

/** The eight figures in one pass, as `countAudience` returns them. */
export const rawCountSql = (fromWhere: string) => `
  select count(*) as matched,
    sum(${suppressionTally}) & 2097151 as dnc,
    (sum(${suppressionTally}) >> 21) & 2097151 as no_consent,
    sum(${suppressionTally}) >> 42 as invalid_phone,
    count(*) filter (where last_contacted_at >= @capFrom) as frequency_cap,
    sum(iif(last_contacted_at >= @capFrom, 0, ${eligibleTally})) & 2097151 as eligible,
    (sum(iif(last_contacted_at >= @capFrom, 0, ${eligibleTally})) >> 21) & 2097151 as time_zone_unknown,
    sum(iif(last_contacted_at >= @capFrom, 0, ${eligibleTally})) >> 42 as demo
  from ${fromWhere}`;

/**
 * Seeded data has no DNC list; a real one does. If the list is empty, 1 % of the customers' numbers and
 * 10,000 numbers of no customer go on it, so the DNC bucket has work to do.
 */
export function ensureBenchDncList(db: Db): void {
  const c = db.$client;
  if (c.prepare('select count(*) from dnc_numbers').pluck().get() !== 0) return;
  // Without the trigger that flags customers row by row: it scans every customer for each number (the
  // phone index is partial, real customers only), hours for 11,000 numbers at a million demo customers.
  const trigger = c
    .prepare("select sql from sqlite_master where type = 'trigger' and name = 'dnc_numbers_on_dnc_insert'")
    .pluck()
    .get() as string;
  c.exec('drop trigger dnc_numbers_on_dnc_insert');
  c.exec(`insert or ignore into dnc_numbers (phone, source, added_at)
    select phone, 'import', 0 from customers where id % 97 = 3`);
  c.exec(`insert into dnc_numbers (phone, source, added_at)
    with recursive n(v) as (select 1 union all select v + 1 from n where v < 10000)
    select '+1999' || (1000000 + v), 'import', 0 from n`);
  c.exec('update customers set on_dnc = 1 where phone in (select phone from dnc_numbers) and on_dnc = 0');
  c.exec(trigger);
  console.log(
    `DNC list was empty: added ${c.prepare('select count(*) from dnc_numbers').pluck().get()} numbers`,
  );
}
