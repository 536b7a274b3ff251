import { useCallback, useEffect, useRef, useState } from 'react';
import type { CampaignMetrics, MetricsSeries } from '../../../../shared/contract/metrics';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';

export type CampaignRow = CampaignMetrics & { name: string; status: string };

export interface DashboardData {
  summary?: CampaignMetrics;
  series: MetricsSeries;
  campaigns: CampaignRow[];
  error?: string;
  updatedAt?: number;
}

/** Events that mean the figures changed; anything about calls or campaigns. */
const relevant = (name: string) => name.startsWith('call.') || name.startsWith('campaign');

/**
 * Loads the dashboard's figures and reloads them while campaigns run: at most once every two seconds,
 * however many call events arrive, so the dashboard stays live without hammering the database.
 */
export function useDashboardData(
  campaignId: number | undefined,
  bucket: 'auto' | 'minute' | 'hour' | 'day',
): DashboardData {
  const [data, setData] = useState<DashboardData>({
    series: { bucket: 'minute', points: [] },
    campaigns: [],
  });
  const inFlight = useRef(false);
  const stale = useRef(false);

  const load = useCallback(async () => {
    if (inFlight.current) {
      stale.current = true;
      return;
    }
    inFlight.current = true;
    try {
      const [summary, series, campaigns] = await Promise.all([
        client.invoke('metrics.summary', campaignId ? { campaignId } : {}),
        client.invoke('metrics.series', { ...(campaignId ? { campaignId } : {}), bucket }),
        client.invoke('metrics.byCampaign', {}),
      ]);
      setData({ summary, series, campaigns, updatedAt: Date.now() });
    } catch (err) {
      setData((d) => ({ ...d, error: errorMessage(err) }));
    } finally {
      inFlight.current = false;
    }
  }, [campaignId, bucket]);

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.subscribe((batch) => {
      if (!batch.some((e) => relevant(e.name))) return;
      stale.current = true;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (stale.current) {
          stale.current = false;
          void load();
        }
      }, 2000);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  return data;
}
