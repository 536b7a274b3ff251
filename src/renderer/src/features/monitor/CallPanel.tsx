import { dispositionLabel } from '@shared/campaigns/dispositions';
import type { Disposition } from '@shared/contract/campaigns';
import { errorMessage } from '@shared/errors';
import { useEffect, useRef, useState } from 'react';
import { LoadFailed } from '../../ui/load-state';
import { useSoftphone } from '../softphone/softphone-store';
import { AgentConsole } from './call-panel/AgentConsole';
import { CallOutcome, CallTimeline, CustomerFacts } from './call-panel/CallFacts';
import { TakeoverForm } from './call-panel/TakeoverForm';
import { Transcript } from './call-panel/Transcript';
import { useMonitor } from './monitor-store';
import { useEndCall, useHandBack, useHangUp, useSay, useTakeOver } from './mutations';
import { useCallDetail } from './queries';

/** One call: its transcript streaming live, the customer's card, and the takeover console. */
export function CallPanel({ attemptId, onClose }: { attemptId: number; onClose: () => void }) {
  const detailQuery = useCallDetail(attemptId);
  const detail = detailQuery.data;
  const [error, setError] = useState<string>();
  const live = useMonitor((s) => s.calls.get(attemptId) ?? s.ended.get(attemptId));
  const lines = useMonitor((s) => s.lines.get(attemptId)) ?? detail?.transcript ?? [];
  const watchTranscript = useMonitor((s) => s.watchTranscript);
  const [holdingClient, setHolding] = useState(false);
  const phone = useSoftphone();
  const takeOver = useTakeOver();
  const say = useSay();
  const endCall = useEndCall();
  const handBack = useHandBack();
  const hangUp = useHangUp();

  // The transcript read with the detail starts the live one; later lines stream through the monitor store.
  const watching = useRef(false);
  useEffect(() => {
    if (!detail || watching.current) return;
    watching.current = true;
    watchTranscript(attemptId, detail.transcript);
  }, [attemptId, detail, watchTranscript]);

  const call = live ?? detail?.call;
  // Once this agent's hold is seen, a move back to the AI means the softphone never answered (or
  // dropped): this agent holds nothing any more.
  const heldHere = useRef(false);
  if (holdingClient && call?.mode === 'human') heldHere.current = true;
  const backWithAi = heldHere.current && call?.mode === 'ai';
  useEffect(() => {
    if (!backWithAi) return;
    heldHere.current = false;
    if (phone.attemptId === attemptId) phone.release();
    setHolding(false);
  }, [backWithAi, phone, attemptId]);

  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  if (!call) {
    return (
      <aside className="call-panel muted" aria-label="Call">
        {detailQuery.isError ? (
          <LoadFailed what="The call" error={detailQuery.error} onRetry={() => void detailQuery.refetch()} />
        ) : (
          'Loading…'
        )}
      </aside>
    );
  }
  const connected = call.state === 'in_progress' || call.state === 'escalated';
  const onSoftphone = phone.attemptId === attemptId && phone.status !== 'off';
  const mine = (holdingClient || onSoftphone) && call.mode === 'human';
  const objective = call.campaignObjective;
  const released = () => {
    if (onSoftphone) phone.release();
    setHolding(false);
  };
  const end = (disposition: Disposition | '', notes: string) =>
    act(async () => {
      if (!disposition) throw new Error('Choose how the call ended before you end it');
      await endCall.mutateAsync({ attemptId, disposition, notes });
      released();
    });
  const takeOverAs = (agentName: string) =>
    act(async () => {
      // A real call's softphone must be listening before the call is redirected to it.
      const talk = await phone.prepare(attemptId, agentName);
      await takeOver.mutateAsync({ attemptId, agentName }).catch((err: unknown) => {
        if (talk === 'softphone') phone.release();
        throw err;
      });
      setHolding(true);
    });

  return (
    <aside className="call-panel" aria-label="Call">
      <header>
        <div>
          <h2>{call.customerName}</h2>
          <div className="muted">
            {call.campaignName} · {call.toNumber} · attempt {call.attemptNumber}
          </div>
        </div>
        <button type="button" onClick={onClose} aria-label="Close call">
          ✕
        </button>
      </header>
      <div className="call-state">
        <span className={`status state-${call.state}`} data-testid="call-state">
          {call.state.replace('_', ' ')}
        </span>
        {call.mode === 'human' && <span data-testid="call-holder">Held by {call.heldBy}</span>}
        {call.disposition && (
          <span data-testid="call-disposition">{dispositionLabel(call.disposition, objective)}</span>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <Transcript lines={lines} />
      {detail && detail.provider !== 'simulator' && connected && lines.length === 0 && (
        <p className="muted" data-testid="transcript-later">
          ElevenLabs writes the transcript of a real call when its conversation ends.
        </p>
      )}
      {connected && !mine && detail?.takeover.available === false && (
        <p className="muted" role="note" data-testid="takeover-unavailable">
          Take over is not available: {detail.takeover.reason}
        </p>
      )}
      {connected && !mine && detail?.takeover.available !== false && (
        <TakeoverForm disabled={call.mode === 'human'} onTakeOver={(name) => void takeOverAs(name)} />
      )}
      {mine && connected && (
        <AgentConsole
          objective={objective}
          softphone={onSoftphone ? phone : undefined}
          onSay={(text) => void act(() => say.mutateAsync({ attemptId, text }))}
          onEnd={(disposition, notes) => void end(disposition, notes)}
          onHandBack={(reason) =>
            void act(async () => {
              await handBack.mutateAsync({ attemptId, ...(reason ? { reason } : {}) });
              released();
            })
          }
        />
      )}
      {connected && !mine && call.mode === 'ai' && (
        <button
          type="button"
          className="danger subtle"
          onClick={() => act(() => hangUp.mutateAsync({ attemptId }))}
        >
          Hang up
        </button>
      )}
      {call.endedAt !== null && <CallOutcome call={call} notes={detail?.notes} />}
      {detail && <CallTimeline events={detail.events} />}
      {detail && <CustomerFacts customer={detail.customer} />}
    </aside>
  );
}
