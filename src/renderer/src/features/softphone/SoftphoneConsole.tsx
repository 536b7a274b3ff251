import type { Softphone } from './softphone-store';
import './softphone.css';

const statusText: Record<Softphone['status'], string> = {
  off: 'Softphone off',
  starting: 'Starting the softphone…',
  listening: 'Connecting you to the customer…',
  connected: 'You are talking to the customer',
  ended: 'The line has ended',
  failed: 'The softphone failed',
};

/** The live line of a real call held by this agent: status, mute, hang up (which ends the call with its disposition). */
export function SoftphoneConsole({ phone, onHangUp }: { phone: Softphone; onHangUp: () => void }) {
  return (
    <div className="softphone" aria-label="Softphone">
      <span className={`softphone-status ${phone.status}`} data-testid="softphone-status">
        {statusText[phone.status]}
        {phone.error ? `: ${phone.error}` : ''}
      </span>
      <button
        type="button"
        onClick={phone.toggleMute}
        disabled={phone.status !== 'connected'}
        aria-pressed={phone.muted}
      >
        {phone.muted ? 'Unmute' : 'Mute'}
      </button>
      <button type="button" className="danger" onClick={onHangUp}>
        Hang up
      </button>
      <small className="muted">Hang up ends the call with the disposition and notes below.</small>
    </div>
  );
}
