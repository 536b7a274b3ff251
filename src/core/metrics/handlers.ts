import { eq, not } from 'drizzle-orm';
import type { HandlersOf } from '../../shared/contract/define';
import type { metricsMethods } from '../../shared/contract/metrics';
import type { AppContext } from '../app-context';
import { campaigns } from '../db/schema';
import { type AudienceFigures, campaignMetrics, overallMetrics } from './campaign-metrics';
import { metricsSeries } from './metrics-series';

export function metricsHandlers(
  context: AppContext,
  audience: AudienceFigures,
): HandlersOf<typeof metricsMethods> {
  const { db } = context;
  return {
    'metrics.summary': ({ campaignId }) =>
      campaignId === undefined ? overallMetrics(db, audience) : campaignMetrics(db, campaignId, audience),
    'metrics.byCampaign': () =>
      db
        .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
        .from(campaigns)
        .where(not(eq(campaigns.archived, true)))
        .all()
        .map((c) => ({ ...campaignMetrics(db, c.id, audience), name: c.name, status: c.status })),
    'metrics.series': (input) => metricsSeries(db, input),
  };
}
