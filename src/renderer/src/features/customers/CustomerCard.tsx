import type { CustomerRow } from '@shared/contract/customers';

/** The selected customer's details beside the table. */
export function CustomerCard({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const fields: [string, string][] = [
    ['Phone', customer.phone],
    ['Email', customer.email ?? '—'],
    ['City', [customer.neighborhood, customer.city].filter(Boolean).join(', ') || '—'],
    ['Time zone', customer.timeZone],
    ['Stage', customer.lifecycleStage.replace('_', ' ')],
    ['Viewing', customer.bookingStatus.replace('_', ' ')],
    ['Consent', customer.consent],
    ['Interests', customer.tags.join(', ') || '—'],
    ['Customer since', customer.customerSince ? new Date(customer.customerSince).toLocaleDateString() : '—'],
    [
      'Last contacted',
      customer.lastContactedAt ? new Date(customer.lastContactedAt).toLocaleString() : 'never',
    ],
  ];
  return (
    <aside className="customer-card" aria-label="Customer details">
      <header>
        <h2>
          {customer.firstName} {customer.lastName}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <dl>
        {fields.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
