import { dispositionLabel, dispositionsByObjective } from '@shared/campaigns/dispositions';
import type { CampaignObjective, Disposition } from '@shared/contract/campaigns';
import { useState } from 'react';
import { SoftphoneConsole } from '../../softphone/SoftphoneConsole';
import type { Softphone } from '../../softphone/softphone-store';

/**
 * What the agent holding the call does: type what to say (when not on the softphone), end the call with
 * an outcome and a note, or hand it back to the AI with a reason.
 */
export function AgentConsole({
  objective,
  softphone,
  onSay,
  onEnd,
  onHandBack,
}: {
  objective: CampaignObjective;
  /** The softphone the agent talks on, if any: its hang-up ends the call; the typed reply is hidden. */
  softphone?: Softphone;
  onSay: (text: string) => void;
  onEnd: (disposition: Disposition | '', notes: string) => void;
  onHandBack: (reason: string) => void;
}) {
  const [reply, setReply] = useState('');
  // No default: a hurried agent must not record a conversion nobody chose.
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [notes, setNotes] = useState('');
  const [handBackReason, setHandBackReason] = useState('');
  return (
    <div className="console">
      {softphone && <SoftphoneConsole phone={softphone} onHangUp={() => onEnd(disposition, notes)} />}
      <form
        hidden={softphone !== undefined}
        className="reply"
        onSubmit={(e) => {
          e.preventDefault();
          onSay(reply);
          setReply('');
        }}
      >
        <input
          aria-label="Reply"
          placeholder="Type what you say to the customer…"
          value={reply}
          onChange={(e) => setReply(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!reply.trim()}>
          Say
        </button>
      </form>
      <div className="end-call">
        <select
          aria-label="Disposition"
          value={disposition}
          onChange={(e) => setDisposition(e.target.value as Disposition)}
        >
          <option value="" disabled>
            How did the call end?
          </option>
          {dispositionsByObjective[objective].map((d) => (
            <option key={d} value={d}>
              {dispositionLabel(d, objective)}
            </option>
          ))}
        </select>
        <input
          aria-label="Notes"
          placeholder="Notes (required)"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        <button
          type="button"
          className="danger"
          onClick={() => onEnd(disposition, notes)}
          disabled={!disposition || !notes.trim()}
          title={
            !disposition ? 'Choose how the call ended first' : !notes.trim() ? 'Add a note first' : undefined
          }
        >
          End call
        </button>
        <input
          aria-label="Why you hand back"
          placeholder="For the AI: why you hand back (optional)"
          value={handBackReason}
          onChange={(e) => setHandBackReason(e.target.value)}
        />
        <button type="button" onClick={() => onHandBack(handBackReason.trim())}>
          Hand back to AI
        </button>
      </div>
    </div>
  );
}
