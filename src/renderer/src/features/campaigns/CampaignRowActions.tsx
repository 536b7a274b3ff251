import type { CampaignListItem } from '@shared/contract/campaigns';
import { useArchiveCampaign, useDeleteCampaign, useDuplicateCampaign } from './mutations';

/**
 * A campaign's housekeeping from the list: copy it, archive (or bring back) one that is not dialling, and
 * delete a draft for good. A copy opens in the editor (`onCopied`); a failure is said in a notice.
 */
export function CampaignRowActions({
  campaign,
  onCopied,
}: {
  campaign: CampaignListItem;
  onCopied: (id: number) => void;
}) {
  const duplicate = useDuplicateCampaign();
  const archive = useArchiveCampaign();
  const remove = useDeleteCampaign();
  const { id, name, status, archived } = campaign;
  const dialling = status === 'running' || status === 'paused';
  // The row opens the campaign when clicked: its buttons must not.
  const act = (action: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation();
    action();
  };
  return (
    <span className="row-actions">
      <button
        type="button"
        aria-label={`Duplicate ${name}`}
        onClick={act(() => duplicate.mutate({ id }, { onSuccess: (copy) => onCopied(copy.id) }))}
      >
        Duplicate
      </button>
      {!dialling && (
        <button
          type="button"
          aria-label={`${archived ? 'Unarchive' : 'Archive'} ${name}`}
          onClick={act(() => archive.mutate({ id, archived: !archived }))}
        >
          {archived ? 'Unarchive' : 'Archive'}
        </button>
      )}
      {status === 'draft' && (
        <button
          type="button"
          className="danger"
          aria-label={`Delete ${name}`}
          onClick={act(() => {
            if (window.confirm(`Delete the draft “${name}”? This cannot be undone.`)) remove.mutate({ id });
          })}
        >
          Delete
        </button>
      )}
    </span>
  );
}
