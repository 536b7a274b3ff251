import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AudienceCount, AudienceGroup, AudienceSampleRow } from '../../shared/contract/audience';
import type { Db } from '../db/open';
import { customerTags } from '../db/schema';
import { compileCriteria } from './compile-criteria';
import { suppressionConditions } from './eligibility';

export interface AudienceOptions {
  now: number;
  frequencyCapDays: number;
}

/**
 * The one SQL statement behind `countAudience`: one pass over the matching customers (an index
 * holds every column it reads), each bucket a filtered count. Exported so benchmarks can EXPLAIN it.
 */
export function countAudienceQuery(criteria: AudienceGroup, options: AudienceOptions): SQL {
  const s = suppressionConditions(options.now, options.frequencyCapDays);
  const buckets = Object.entries(s).map(
    ([name, condition]) => sql`, count(*) filter (where ${condition}) as ${sql.identifier(name)}`,
  );
  const suppressed = sql.join(Object.values(s), sql` or `);
  // Eligible customers a campaign still holds back: no known time zone, or made-up demo data.
  return sql`select count(*) as matched${sql.join(buckets)},
      count(*) filter (where not (${suppressed})) as eligible,
      count(*) filter (where time_zones = '' and not (${suppressed})) as time_zone_unknown,
      count(*) filter (where demo = 1 and not (${suppressed})) as demo
    from customers where ${compileCriteria(criteria, options.now)}`;
}

/** How many customers match, how many of them each suppression rule removes, and how many remain. */
export function countAudience(db: Db, criteria: AudienceGroup, options: AudienceOptions): AudienceCount {
  const row = db.get<{
    matched: number;
    dnc: number;
    no_consent: number;
    invalid_phone: number;
    frequency_cap: number;
    eligible: number;
    time_zone_unknown: number;
    demo: number;
  }>(countAudienceQuery(criteria, options));
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
