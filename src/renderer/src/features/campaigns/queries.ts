import type { MethodInput } from '../../../../shared/contract';
import { useContractQuery } from '../../data/contract-query';

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

/** A campaign's pace as first read; the monitor store carries its live updates (campaign.progress). */
export const useCampaignProgress = (id: number, enabled = true) =>
  useContractQuery('campaigns.progress', { id }, { enabled });
