import type { MethodName } from '@shared/contract';
import { useContractMutation } from '../../data/contract-mutation';

/** Every read that shows a campaign's settings or status. */
const campaignReads: readonly MethodName[] = ['campaigns.list', 'campaigns.get', 'campaigns.progress'];

export const useDuplicateCampaign = () =>
  useContractMutation('campaigns.duplicate', {
    notice: 'Duplicating the campaign',
    invalidates: campaignReads,
  });

export const useArchiveCampaign = () =>
  useContractMutation('campaigns.archive', { notice: 'Archiving the campaign', invalidates: campaignReads });

export const useDeleteCampaign = () =>
  useContractMutation('campaigns.delete', { notice: 'Deleting the draft', invalidates: campaignReads });

export const usePauseCampaign = () =>
  useContractMutation('campaigns.pause', { notice: 'Pausing the campaign', invalidates: campaignReads });

export const useResumeCampaign = () =>
  useContractMutation('campaigns.resume', { notice: 'Resuming the campaign', invalidates: campaignReads });

/** The stop dialog says why a stop failed itself, beside its choices. */
export const useStopCampaign = () =>
  useContractMutation('campaigns.stop', { notice: false, invalidates: campaignReads });
