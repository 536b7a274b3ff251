import type { MethodInput } from '@shared/contract';
import type { CampaignProgress } from '@shared/contract/calls';
import { useEffect, useState } from 'react';
import { useContractQuery } from '../../data/contract-query';
import { useMonitor } from '../monitor/monitor-store';

/** The campaigns' figures move with every call: the list follows, at most twice a second. */
export const useCampaignList = (input: MethodInput<'campaigns.list'> = {}) =>
  useContractQuery('campaigns.list', input, { refreshOn: ['campaign.changed', 'campaign.progress'] });

/**
 * Campaigns that are dialling or paused: the monitor's controls and filter. Read again only when a
 * campaign's status changes (the monitor has the pace from its own events); the input is spelled out so
 * this read is cached apart from the list's, which also follows every campaign's progress.
 */
export const useActiveCampaigns = () =>
  useContractQuery(
    'campaigns.list',
    { includeArchived: false },
    {
      refreshOn: ['campaign.changed'],
      select: (list) => list.filter((c) => c.status === 'running' || c.status === 'paused'),
    },
  );

export const useCampaignTemplates = () =>
  useContractQuery('campaigns.templates', {}, { staleTime: Infinity });

/** One campaign, read again when its status changes (started elsewhere, finished, paused by the engine). */
export const useCampaign = (id: number, enabled = true) =>
  useContractQuery(
    'campaigns.get',
    { id },
    {
      enabled,
      refreshOn: ['campaign.changed'],
      refreshIf: (e) => e.name === 'campaign.changed' && e.payload.campaignId === id,
    },
  );

/**
 * A campaign's pace: read when shown, then kept current by its `campaign.progress` events, which the
 * monitor store already holds for the whole window. The store's value counts only once it changed after
 * the read (an event from before the read is older than it).
 */
export function useCampaignProgress(id: number, enabled = true): CampaignProgress | undefined {
  const read = useContractQuery('campaigns.progress', { id }, { enabled });
  const live = useMonitor((s) => s.progress.get(id));
  const [heldAtRead, setHeldAtRead] = useState<CampaignProgress>();
  useEffect(() => {
    if (read.dataUpdatedAt) setHeldAtRead(useMonitor.getState().progress.get(id));
  }, [read.dataUpdatedAt, id]);
  if (!enabled) return undefined;
  return live && live !== heldAtRead ? live : (read.data ?? live);
}
