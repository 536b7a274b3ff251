import { inArray, type SQL, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { AudienceCount, AudienceGroup, AudienceSampleRow } from '../../shared/contract/audience';
import type { Db } from '../db/open';
import { customers, customerTags, eligibleTally, suppressionTally } from '../db/schema';
import { compileCriteria } from './compile-criteria';
import { suppressionConditions } from './eligibility';

const day = 86_400_000;

export interface AudienceOptions {
  now: number;
  frequencyCapDays: number;
}

/** Bits per bucket in the packed tallies (`suppressionTally`, `eligibleTally` in the customers schema). */
const tallyBits = 21;
const tallyMask = 2 ** tallyBits - 1;

export interface TallyOptions {
  /**
   * Unpack each customer's tally before adding (a few more operations a row) instead of adding the
   * packed tallies and unpacking the sums: needed once a bucket could reach 2^21 (two million customers),
   * when packed sums would spill into the next bucket.
   */
  perRow?: boolean;
}

/**
 * The one SQL statement behind `countAudience`: one pass over the matching customers (an index holds
 * every column it reads) adding up their packed tallies — three sums and a count whatever the buckets,
 * where eight filtered counts per row made a million-customer count several times slower. Exported so
 * benchmarks can EXPLAIN it.
 */
export function countAudienceQuery(
  criteria: AudienceGroup,
  options: AudienceOptions,
  { perRow = false }: TallyOptions = {},
): SQL {
  // The cap's start as a literal (a number computed here, never input), so the three sums that read it
  // are one expression SQLite adds up once.
  const capFrom = Math.trunc(options.now - options.frequencyCapDays * day);
  const capped =
    options.frequencyCapDays > 0 ? sql`${customers.lastContactedAt} >= ${sql.raw(String(capFrom))}` : sql`0`;
  // A customer called too recently is not eligible; `capped` is NULL for one never called (not capped).
  const eligible = sql`iif(${capped}, 0, ${eligibleTally(customers)})`;
  const bucket = (tally: SQL, k: number, name: string) => {
    const shift = sql.raw(String(k * tallyBits));
    const mask = sql.raw(String(tallyMask));
    return perRow
      ? sql`coalesce(sum((${tally} >> ${shift}) & ${mask}), 0) as ${sql.identifier(name)}`
      : sql`(coalesce(sum(${tally}), 0) >> ${shift}) & ${mask} as ${sql.identifier(name)}`;
  };
  const suppression = suppressionTally(customers);
  return sql`select count(*) as matched,
      ${bucket(suppression, 0, 'dnc')}, ${bucket(suppression, 1, 'no_consent')}, ${bucket(suppression, 2, 'invalid_phone')},
      count(*) filter (where ${capped}) as frequency_cap,
      ${bucket(eligible, 0, 'eligible')}, ${bucket(eligible, 1, 'time_zone_unknown')}, ${bucket(eligible, 2, 'demo')}
    from customers where ${compileCriteria(criteria, options.now)}`;
}

const dialect = new SQLiteSyncDialect();

/** How many customers match, how many of them each suppression rule removes, and how many remain. */
export function countAudience(
  db: Db,
  criteria: AudienceGroup,
  options: AudienceOptions,
  tally: TallyOptions = {},
): AudienceCount {
  // Ids are unique and positive, so no bucket can hold more customers than the highest id.
  const highestId = db.$client.prepare('select max(id) from customers').pluck().get() as number | null;
  const perRow = tally.perRow ?? (highestId ?? 0) > tallyMask;
  const query = dialect.sqlToQuery(countAudienceQuery(criteria, options, { perRow }));
  const row = db.$client.prepare(query.sql).get(query.params) as {
    matched: number;
    dnc: number;
    no_consent: number;
    invalid_phone: number;
    frequency_cap: number;
    eligible: number;
    time_zone_unknown: number;
    demo: number;
  };
  return {
    matched: row.matched,
    suppressed: {
      dnc: row.dnc,
      no_consent: row.no_consent,
      invalid_phone: row.invalid_phone,
      frequency_cap: row.frequency_cap,
    },
    eligible: row.eligible,
    held: { timeZoneUnknown: row.time_zone_unknown, demo: row.demo },
  };
}

/**
 * A few matching customers to show beside the count, each with the reasons it would be skipped: the
 * first the count's index finds (no sort of every match, so it costs far less than the count), by id.
 */
export function sampleAudience(
  db: Db,
  criteria: AudienceGroup,
  options: AudienceOptions & { limit: number },
): AudienceSampleRow[] {
  const s = suppressionConditions(options.now, options.frequencyCapDays);
  const rows = db.all<{
    id: number;
    firstName: string;
    lastName: string;
    phone: string;
    city: string | null;
    neighborhood: string | null;
    dnc: number;
    no_consent: number;
    invalid_phone: number;
    frequency_cap: number;
  }>(sql`
    select id, first_name as firstName, last_name as lastName, phone, city, neighborhood,
      ${s.dnc} as dnc, ${s.no_consent} as no_consent, ${s.invalid_phone} as invalid_phone, ${s.frequency_cap} as frequency_cap
    from customers where ${compileCriteria(criteria, options.now)} limit ${options.limit}`);
  rows.sort((a, b) => a.id - b.id);
  const tags = new Map<number, string[]>();
  if (rows.length > 0) {
    for (const t of db
      .select()
      .from(customerTags)
      .where(
        inArray(
          customerTags.customerId,
          rows.map((r) => r.id),
        ),
      )
      .all()) {
      tags.set(t.customerId, [...(tags.get(t.customerId) ?? []), t.tag]);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    name: `${r.firstName} ${r.lastName}`.trim(),
    phone: r.phone,
    city: r.city,
    neighborhood: r.neighborhood,
    tags: tags.get(r.id) ?? [],
    suppressedBy: (['dnc', 'no_consent', 'invalid_phone', 'frequency_cap'] as const).filter((k) => r[k]),
  }));
}
