import { sql } from 'drizzle-orm';
import type { MetricsSeries, MetricsSeriesPoint, SeriesBucket } from '../../shared/contract/metrics';
import type { Db } from '../db/open';
import { campaigns } from '../db/schema';
import { answered, campaignTerms, isConversion } from './campaign-metrics';

const bucketMs: Record<SeriesBucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** Gaps are filled with empty buckets up to this many, so time reads evenly along the axis. */
const maxFilledBuckets = 1_000;

/** A bucket that shows a run's shape: minutes for a couple of hours of calling, hours for days, then days. */
function bucketFor(spanMs: number): SeriesBucket {
  if (spanMs <= 2 * bucketMs.hour) return 'minute';
  if (spanMs <= 3 * bucketMs.day) return 'hour';
  return 'day';
}

/**
 * Activity per time bucket of dial time (UTC boundaries; the renderer shows them in local time). With
 * `auto` the bucket follows the span of the calls. Buckets without calls between the first and the last
 * are there with zeros, and one empty bucket stands on each side, so a single busy bucket is a bar among
 * others, not a slab across the chart.
 */
export function metricsSeries(
  db: Db,
  options: { campaignId?: number; bucket: SeriesBucket | 'auto'; from?: number; to?: number },
): MetricsSeries {
  const ids = options.campaignId
    ? [options.campaignId]
    : db
        .select({ id: campaigns.id })
        .from(campaigns)
        .all()
        .map((c) => c.id);
  const range = sql`${options.from ?? 0} <= dialed_at and dialed_at < ${options.to ?? Number.MAX_SAFE_INTEGER}`;
  const inCampaigns = sql`campaign_id in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const span =
    ids.length === 0
      ? undefined
      : db.get<{ first: number | null; last: number | null }>(sql`
          select min(dialed_at) as first, max(dialed_at) as last from call_attempts
          where ${inCampaigns} and dialed_at is not null and ${range}`);
  const bucket =
    options.bucket === 'auto' ? bucketFor((span?.last ?? 0) - (span?.first ?? 0)) : options.bucket;
  if (!span || span.first === null || span.last === null) return { bucket, points: [] };

  const size = bucketMs[bucket];
  const points = new Map<number, MetricsSeriesPoint>();
  const point = (at: number) => {
    let p = points.get(at);
    if (!p) {
      p = { at, dialled: 0, answered: 0, conversions: 0, cost: 0 };
      points.set(at, p);
    }
    return p;
  };
  const first = Math.floor(span.first / size) * size;
  const last = Math.floor(span.last / size) * size;
  if ((last - first) / size <= maxFilledBuckets)
    for (let at = first - size; at <= last + size; at += size) point(at);
  for (const campaignId of ids) {
    const { goal, extraCosts } = campaignTerms(db, campaignId);
    const rows = db.all<Omit<MetricsSeriesPoint, 'at'> & { bucket: number }>(sql`
      select cast(dialed_at / ${size} as integer) * ${size} as bucket,
        count(*) as dialled,
        coalesce(sum(${answered}), 0) as answered,
        coalesce(sum(${isConversion(goal)}), 0) as conversions,
        coalesce(sum(cost_telephony + cost_ai), 0) + count(*) * ${extraCosts.perCall} as cost
      from call_attempts
      where campaign_id = ${campaignId} and dialed_at is not null and ${range}
      group by bucket`);
    for (const row of rows) {
      const p = point(row.bucket);
      p.dialled += row.dialled;
      p.answered += row.answered;
      p.conversions += row.conversions;
      p.cost += row.cost;
    }
  }
  return { bucket, points: [...points.values()].sort((a, b) => a.at - b.at) };
}
