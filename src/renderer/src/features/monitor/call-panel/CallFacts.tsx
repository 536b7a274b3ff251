import type { CallDetail, CallSummary } from '@shared/contract/calls';

/** A finished call's duration, cost, sentiment and notes. */
export function CallOutcome({ call, notes }: { call: CallSummary; notes?: string | null }) {
  return (
    <div className="call-costs" aria-label="Outcome and costs">
      <span>Duration {call.durationSeconds === null ? '—' : `${Math.round(call.durationSeconds)} s`}</span>
      <span>Cost ${call.cost.toFixed(3)}</span>
      {call.sentiment !== null && <span>Sentiment {call.sentiment.toFixed(2)}</span>}
      {notes && <span>Notes: {notes}</span>}
    </div>
  );
}

/** What happened to the call, in order. */
export function CallTimeline({ events }: { events: CallDetail['events'] }) {
  if (events.length === 0) return null;
  return (
    <details>
      <summary>Timeline ({events.length} events)</summary>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id}>
            {new Date(e.at).toLocaleTimeString()} —{' '}
            {e.type === 'state' ? `${e.fromState ?? 'new'} → ${e.toState}` : e.type.replaceAll('_', ' ')}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Who the customer is: where, what stage, interests, viewings and earlier calls. */
export function CustomerFacts({ customer }: { customer: CallDetail['customer'] }) {
  return (
    <section className="customer-mini" aria-label="Customer">
      <h3>Customer</h3>
      <p>
        {[customer.neighborhood, customer.city].filter(Boolean).join(', ')} ·{' '}
        {customer.lifecycleStage.replace('_', ' ')}
      </p>
      {customer.tags.length > 0 && <p className="muted">Interests: {customer.tags.join(', ')}</p>}
      {customer.bookings.length > 0 && (
        <p className="muted">
          Viewings:{' '}
          {customer.bookings.map((b) => `${new Date(b.at).toLocaleDateString()} (${b.status})`).join(', ')}
        </p>
      )}
      <p className="muted">
        Previous calls:{' '}
        {customer.previousCalls.length === 0
          ? 'none'
          : customer.previousCalls.map((p) => `${p.campaignName} — ${p.disposition ?? p.state}`).join('; ')}
      </p>
    </section>
  );
}
