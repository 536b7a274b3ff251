import type { RehearsalForecast } from '@shared/contract/calls';
import type { Campaign, CampaignSettings } from '@shared/contract/campaigns';
import { errorMessage, type ValidationIssue } from '@shared/errors';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigation } from '../../../app/navigation-store';
import { RpcError } from '../../../client';
import { useContractMutation } from '../../../data/contract-mutation';
import { invalidateMethods } from '../../../data/contract-query';

type Lifecycle = 'campaigns.start' | 'campaigns.pause' | 'campaigns.resume';

/**
 * The editor's actions — save, start/pause/resume, rehearse — with what they say in place: "Saved", the
 * start's warnings, or what is wrong (each field's problem beside it, through `issues`).
 */
export function useCampaignActions(
  form: CampaignSettings,
  campaign: Campaign | undefined,
  editable: boolean,
) {
  const { navigate } = useNavigation();
  const queryClient = useQueryClient();
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string>();
  const [forecast, setForecast] = useState<RehearsalForecast | 'running'>();
  // The editor shows each failure beside its fields, so none of these raise a notice.
  const create = useContractMutation('campaigns.create', { notice: false });
  const update = useContractMutation('campaigns.update', { notice: false });
  const start = useContractMutation('campaigns.start', { notice: false });
  const pause = useContractMutation('campaigns.pause', { notice: false });
  const resume = useContractMutation('campaigns.resume', { notice: false });
  const rehearseCampaign = useContractMutation('campaigns.rehearse', { notice: false });
  const refresh = () =>
    invalidateMethods(queryClient, ['campaigns.get', 'campaigns.list', 'campaigns.progress']);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setMessage(undefined);
    try {
      await action();
      setIssues([]);
      if (done) setMessage(done);
    } catch (err) {
      const fieldIssues = err instanceof RpcError ? (err.issues ?? []) : [];
      setIssues(fieldIssues);
      const text = errorMessage(err);
      setMessage(fieldIssues.length > 1 ? `${text} — each is marked beside its field below.` : text);
    }
  };

  const save = () =>
    run(async () => {
      if (campaign) await update.mutateAsync({ id: campaign.id, changes: form });
      else navigate('campaigns', String((await create.mutateAsync(form)).id));
      await refresh();
    }, 'Saved');

  const lifecycle = async (method: Lifecycle) => {
    // A real campaign may start while leaving some customers out (e.g. no written consent): say so.
    let warnings: string[] = [];
    await run(async () => {
      if (!campaign) return;
      const { id } = campaign;
      if (method === 'campaigns.start' && editable) await update.mutateAsync({ id, changes: form });
      if (method === 'campaigns.pause') await pause.mutateAsync({ id });
      else
        warnings = (await (method === 'campaigns.start' ? start : resume).mutateAsync({ id })).warnings ?? [];
      await refresh();
    });
    if (warnings.length) setMessage(warnings.join('\n'));
  };

  const rehearse = () =>
    run(async () => {
      setForecast('running');
      try {
        setForecast(await rehearseCampaign.mutateAsync({ campaign: form, maxCustomers: 5000 }));
      } catch (err) {
        setForecast(undefined);
        throw err;
      }
    });

  return { issues, message, forecast, save, lifecycle, rehearse };
}
