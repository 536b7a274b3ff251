import './waiting-reason.css';

/**
 * Why a running campaign is not dialling (provider unreachable, calling hours, retries), set apart so a
 * supervisor sees it at a glance. Shown in the campaign list and the monitor's campaign strip.
 */
export function WaitingReason({ message, reason }: { message: string; reason?: string | null }) {
  return (
    <span className={reason ? `waiting-reason waiting-${reason}` : 'waiting-reason'} role="status">
      {message}
    </span>
  );
}
