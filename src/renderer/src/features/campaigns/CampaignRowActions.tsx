import type { CampaignListItem } from '../../../../shared/contract/campaigns';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';

/**
 * A campaign's housekeeping from the list: copy it, archive (or bring back) one that is not dialling, and
 * delete a draft for good. `onDone` gets the new campaign's id after a copy, so it opens in the editor.
 */
export function CampaignRowActions({
  campaign,
  onDone,
  onError,
}: {
  campaign: CampaignListItem;
  onDone: (openId?: number) => void;
  onError: (message: string) => void;
}) {
  const act = (action: () => Promise<number | undefined>) => (e: React.MouseEvent) => {
    e.stopPropagation();
    action().then(onDone, (err: unknown) => onError(errorMessage(err)));
  };
  const { id, name, status, archived } = campaign;
  const dialling = status === 'running' || status === 'paused';
  return (
    <span className="row-actions">
      <button
        type="button"
        aria-label={`Duplicate ${name}`}
        onClick={act(async () => (await client.invoke('campaigns.duplicate', { id })).id)}
      >
        Duplicate
      </button>
      {!dialling && (
        <button
          type="button"
          aria-label={`${archived ? 'Unarchive' : 'Archive'} ${name}`}
          onClick={act(async () => {
            await client.invoke('campaigns.archive', { id, archived: !archived });
            return undefined;
          })}
        >
          {archived ? 'Unarchive' : 'Archive'}
        </button>
      )}
      {status === 'draft' && (
        <button
          type="button"
          className="danger"
          aria-label={`Delete ${name}`}
          onClick={act(async () => {
            if (!window.confirm(`Delete the draft “${name}”? This cannot be undone.`)) return undefined;
            await client.invoke('campaigns.delete', { id });
            return undefined;
          })}
        >
          Delete
        </button>
      )}
    </span>
  );
}
