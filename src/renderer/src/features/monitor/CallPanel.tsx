import { useEffect, useRef, useState } from 'react';
import { dispositionLabel, dispositionsByObjective } from '../../../../shared/campaigns/dispositions';
import type { CallDetail } from '../../../../shared/contract/calls';
import type { Disposition } from '../../../../shared/contract/campaigns';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';
import { SoftphoneConsole } from '../softphone/SoftphoneConsole';
import { useSoftphone } from '../softphone/softphone-store';
import { useMonitor } from './monitor-store';

const agentKey = 'navaia.agentName';

/** One call: its transcript streaming live, the customer's card, and the takeover console. */
export function CallPanel({ attemptId, onClose }: { attemptId: number; onClose: () => void }) {
  const [detail, setDetail] = useState<CallDetail>();
  const [error, setError] = useState<string>();
  const [agentName, setAgentName] = useState(() => localStorage.getItem(agentKey) ?? '');
  const [reply, setReply] = useState('');
  // No default: a hurried agent must not record a conversion nobody chose.
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [notes, setNotes] = useState('');
  const [handBackReason, setHandBackReason] = useState('');
  const live = useMonitor((s) => s.calls.get(attemptId) ?? s.ended.get(attemptId));
  const lines = useMonitor((s) => s.lines.get(attemptId)) ?? detail?.transcript ?? [];
  const watchTranscript = useMonitor((s) => s.watchTranscript);
  const transcriptEnd = useRef<HTMLDivElement>(null);
  const [holdingClient, setHolding] = useState(false);
  const phone = useSoftphone();

  useEffect(() => {
    let current = true;
    client.invoke('calls.get', { attemptId }).then(
      (d) => {
        if (!current) return;
        setDetail(d);
        watchTranscript(attemptId, d.transcript);
      },
      (e: Error) => setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [attemptId, watchTranscript]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a line arrives
  useEffect(() => {
    transcriptEnd.current?.scrollIntoView({ block: 'end' });
  }, [lines.length]);

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
  if (!call) return <aside className="call-panel muted">{error ?? 'Loading…'}</aside>;
  const connected = call.state === 'in_progress' || call.state === 'escalated';
  const onSoftphone = phone.attemptId === attemptId && phone.status !== 'off';
  const mine = (holdingClient || onSoftphone) && call.mode === 'human';
  const objective = call.campaignObjective;
  const endCall = () =>
    act(async () => {
      if (!disposition) throw new Error('Choose how the call ended before you end it');
      await client.invoke('calls.end', { attemptId, disposition, notes });
      if (onSoftphone) phone.release();
      setHolding(false);
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
      <div className="transcript" aria-label="Transcript" aria-live="polite">
        {lines.map((l) => (
          <p key={l.seq} className={`line ${l.speaker}`}>
            <span className="speaker">{l.speaker === 'ai' ? 'AI' : l.speaker}</span> {l.text}
          </p>
        ))}
        <div ref={transcriptEnd} />
      </div>
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
        <form
          className="takeover"
          onSubmit={(e) => {
            e.preventDefault();
            localStorage.setItem(agentKey, agentName);
            void act(async () => {
              // A real call's softphone must be listening before the call is redirected to it.
              const talk = await phone.prepare(attemptId, agentName);
              await client.invoke('calls.takeOver', { attemptId, agentName }).catch((err: unknown) => {
                if (talk === 'softphone') phone.release();
                throw err;
              });
              setHolding(true);
            });
          }}
        >
          <input
            aria-label="Your name"
            placeholder="Your name"
            value={agentName}
            onChange={(e) => setAgentName(e.target.value)}
            required
          />
          <button type="submit" className="primary" disabled={call.mode === 'human'}>
            Take over
          </button>
        </form>
      )}
      {mine && connected && (
        <div className="console">
          {onSoftphone && <SoftphoneConsole phone={phone} onHangUp={endCall} />}
          <form
            hidden={onSoftphone}
            className="reply"
            onSubmit={(e) => {
              e.preventDefault();
              const text = reply;
              setReply('');
              void act(() => client.invoke('calls.say', { attemptId, text }));
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
              onClick={endCall}
              disabled={!disposition || !notes.trim()}
              title={
                !disposition
                  ? 'Choose how the call ended first'
                  : !notes.trim()
                    ? 'Add a note first'
                    : undefined
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
            <button
              type="button"
              onClick={() =>
                act(async () => {
                  const reason = handBackReason.trim();
                  await client.invoke('calls.handBack', { attemptId, ...(reason ? { reason } : {}) });
                  if (onSoftphone) phone.release();
                  setHolding(false);
                })
              }
            >
              Hand back to AI
            </button>
          </div>
        </div>
      )}
      {connected && !mine && call.mode === 'ai' && (
        <button
          type="button"
          className="danger subtle"
          onClick={() => act(() => client.invoke('calls.hangUp', { attemptId }))}
        >
          Hang up
        </button>
      )}
      {call.endedAt !== null && (
        <div className="call-costs" aria-label="Outcome and costs">
          <span>
            Duration {call.durationSeconds === null ? '—' : `${Math.round(call.durationSeconds)} s`}
          </span>
          <span>Cost ${call.cost.toFixed(3)}</span>
          {call.sentiment !== null && <span>Sentiment {call.sentiment.toFixed(2)}</span>}
          {detail?.notes && <span>Notes: {detail.notes}</span>}
        </div>
      )}
      {detail && detail.events.length > 0 && (
        <details>
          <summary>Timeline ({detail.events.length} events)</summary>
          <ol className="timeline">
            {detail.events.map((e) => (
              <li key={e.id}>
                {new Date(e.at).toLocaleTimeString()} —{' '}
                {e.type === 'state' ? `${e.fromState ?? 'new'} → ${e.toState}` : e.type.replaceAll('_', ' ')}
              </li>
            ))}
          </ol>
        </details>
      )}
      {detail && (
        <section className="customer-mini" aria-label="Customer">
          <h3>Customer</h3>
          <p>
            {[detail.customer.neighborhood, detail.customer.city].filter(Boolean).join(', ')} ·{' '}
            {detail.customer.lifecycleStage.replace('_', ' ')}
          </p>
          {detail.customer.tags.length > 0 && (
            <p className="muted">Interests: {detail.customer.tags.join(', ')}</p>
          )}
          {detail.customer.bookings.length > 0 && (
            <p className="muted">
              Viewings:{' '}
              {detail.customer.bookings
                .map((b) => `${new Date(b.at).toLocaleDateString()} (${b.status})`)
                .join(', ')}
            </p>
          )}
          <p className="muted">
            Previous calls:{' '}
            {detail.customer.previousCalls.length === 0
              ? 'none'
              : detail.customer.previousCalls
                  .map((p) => `${p.campaignName} — ${p.disposition ?? p.state}`)
                  .join('; ')}
          </p>
        </section>
      )}
    </aside>
  );
}
