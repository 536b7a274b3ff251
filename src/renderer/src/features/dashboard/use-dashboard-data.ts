import type { EventName } from '@shared/contract';
import type { CampaignMetrics, MetricsSeries } from '@shared/contract/metrics';
import { keepPreviousData, type UseQueryResult } from '@tanstack/react-query';
import { useContractQuery } from '../../data/contract-query';

export type CampaignRow = CampaignMetrics & { name: string; status: string };

export interface DashboardData {
  summary?: CampaignMetrics;
  series: MetricsSeries;
  campaigns: CampaignRow[];
  /** The first read that failed, with a way to read everything again. */
  failed?: { error: unknown; retry: () => void };
}

/** Events that mean the figures changed: calls ending, campaigns moving. */
const figuresChangeOn: EventName[] = ['call.changed', 'campaign.changed', 'campaign.progress'];
/**
 * The dashboard stays live while campaigns run without hammering the database: each figure is read again
 * at most once every two seconds, however many call events arrive.
 */
const live = { refreshOn: figuresChangeOn, refreshAtMostEveryMs: 2_000, placeholderData: keepPreviousData };

export function useDashboardData(
  campaignId: number | undefined,
  bucket: 'auto' | 'minute' | 'hour' | 'day',
): DashboardData {
  const summary = useContractQuery('metrics.summary', campaignId ? { campaignId } : {}, live);
  const series = useContractQuery('metrics.series', { ...(campaignId ? { campaignId } : {}), bucket }, live);
  const campaigns = useContractQuery('metrics.byCampaign', {}, live);
  const reads: UseQueryResult[] = [summary, series, campaigns];
  const failed = reads.find((r) => r.isError);
  return {
    summary: summary.data,
    series: series.data ?? { bucket: 'minute', points: [] },
    campaigns: campaigns.data ?? [],
    ...(failed
      ? {
          failed: {
            error: failed.error,
            retry: () => {
              for (const r of reads) if (r.isError) void r.refetch();
            },
          },
        }
      : {}),
  };
}
