import type { MethodInput } from '@shared/contract';
import { keepPreviousData } from '@tanstack/react-query';
import { useContractQuery } from '../../data/contract-query';

/** A page of past calls; the page on screen stays while the next is read, and follows calls as they end. */
export const useCallHistory = (input: MethodInput<'calls.history'>) =>
  useContractQuery('calls.history', input, {
    placeholderData: keepPreviousData,
    refreshOn: ['call.changed'],
    refreshAtMostEveryMs: 2_000,
  });

/** Every campaign, archived ones too, for the history's filter. */
export const useAllCampaigns = () => useContractQuery('campaigns.list', { includeArchived: true });
