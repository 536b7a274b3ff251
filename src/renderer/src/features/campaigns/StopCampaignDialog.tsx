import { errorMessage } from '@shared/errors';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../ui/form-fields';
import { useStopCampaign } from './mutations';

export interface StopRequest {
  id: number;
  name: string;
  /** Live calls when the supervisor pressed Stop, if the screen knows. */
  liveCalls?: number;
}

/**
 * Stop asks first. The safe choice comes first and has the focus: nothing more is dialled, and customers
 * already talking finish their conversation. Hanging up on them is the explicit second choice.
 */
export function StopCampaignDialog({
  request,
  onClose,
}: {
  request: StopRequest;
  onClose: (stopped: boolean) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stopCampaign = useStopCampaign();
  const busy = stopCampaign.isPending || stopCampaign.isSuccess;
  const error = stopCampaign.error ? errorMessage(stopCampaign.error) : undefined;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const stop = (hangUpLiveCalls: boolean) =>
    stopCampaign.mutate(
      { id: request.id, hangUpLiveCalls },
      {
        onSuccess: () => {
          dialog.current?.close();
          onClose(true);
        },
      },
    );
  const cancel = () => {
    dialog.current?.close();
    onClose(false);
  };
  const live = request.liveCalls;
  return (
    <dialog
      ref={dialog}
      className="stop-dialog"
      aria-label={`Stop ${request.name}?`}
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <h2>Stop “{request.name}”?</h2>
      <p>
        Nothing more will be dialled and the campaign cannot be restarted.
        {live !== undefined && ` ${live} ${live === 1 ? 'call is' : 'calls are'} live right now.`}
      </p>
      <div className="stop-choices">
        <button
          type="button"
          className="primary"
          // The safe choice has the focus, so Enter picks it.
          autoFocus
          disabled={busy}
          onClick={() => stop(false)}
        >
          Stop dialling, let live calls finish
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => stop(true)}>
          Stop and hang up live calls now
        </button>
        <button type="button" disabled={busy} onClick={cancel}>
          Keep running
        </button>
      </div>
      <ErrorAlert message={error} />
    </dialog>
  );
}
