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

/** The one SQL statement behind `countAudience`; exported so benchmarks can EXPLAIN it. */
export function countAudienceQuery(criteria: AudienceGroup, options: AudienceOptions): SQL {
  const s = suppressionConditions(options.now, options.frequencyCapDays);
  return sql`
    select count(*) as matched,
      sum(dnc) as dnc, sum(no_consent) as no_consent, sum(invalid_phone) as invalid_phone,
      sum(frequency_cap) as frequency_cap,
      sum(not (dnc or no_consent or invalid_phone or frequency_cap)) as eligible,
      sum(unknown_zone and not (dnc or no_consent or invalid_phone or frequency_cap)) as time_zone_unknown,
      sum(demo and not (dnc or no_consent or invalid_phone or frequency_cap)) as demo
    from (
      select ${s.dnc} as dnc, ${s.no_consent} as no_consent, ${s.invalid_phone} as invalid_phone,
        ${s.frequency_cap} as frequency_cap, time_zones = '' as unknown_zone, demo
      from customers where ${compileCriteria(criteria, options.now)}
    )`;
}

/** How many customers match, how many of them each suppression rule removes, and how many remain. */
export function countAudience(db: Db, criteria: AudienceGroup, options: AudienceOptions): AudienceCount {
  const row = db.get<{
    matched: number;
    dnc: number | null;
    no_consent: number | null;
    invalid_phone: number | null;
    frequency_cap: number | null;
    eligible: number | null;
    time_zone_unknown: number | null;
    demo: number | null;
  }>(countAudienceQuery(criteria, options));
  return {
    matched: row.matched,
    suppressed: {
      dnc: row.dnc ?? 0,
      no_consent: row.no_consent ?? 0,
      invalid_phone: row.invalid_phone ?? 0,
      frequency_cap: row.frequency_cap ?? 0,
    },
    eligible: row.eligible ?? 0,
    held: { timeZoneUnknown: row.time_zone_unknown ?? 0, demo: row.demo ?? 0 },
  };
}

/** A few matching customers to show beside the count, each with the reasons it would be skipped. */
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
    from customers where ${compileCriteria(criteria, options.now)} order by id limit ${options.limit}`);
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
