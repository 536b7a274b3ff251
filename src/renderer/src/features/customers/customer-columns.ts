import type { CustomerRow, customerSortFields } from '@shared/contract/customers';

type SortField = (typeof customerSortFields)[number];

export interface CustomerColumn {
  id: string;
  header: string;
  width: string;
  sort?: SortField;
  value: (row: CustomerRow) => string;
}

const date = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleDateString());
const money = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

export const customerColumns: CustomerColumn[] = [
  {
    id: 'name',
    header: 'Name',
    width: '1.4fr',
    sort: 'name',
    value: (r) => `${r.firstName} ${r.lastName}`.trim(),
  },
  {
    id: 'phone',
    header: 'Phone',
    // Never cut: room for the longest E.164 number (16 characters) at any window width.
    width: 'minmax(10em, 1fr)',
    value: (r) => (r.phoneValid ? r.phone : `${r.phone} (invalid)`),
  },
  { id: 'city', header: 'City', width: '0.9fr', sort: 'city', value: (r) => r.city ?? '—' },
  {
    id: 'neighborhood',
    header: 'Neighborhood',
    width: '1fr',
    sort: 'neighborhood',
    value: (r) => r.neighborhood ?? '—',
  },
  {
    id: 'stage',
    header: 'Stage',
    width: '0.7fr',
    sort: 'lifecycleStage',
    value: (r) => r.lifecycleStage.replace('_', ' '),
  },
  { id: 'interests', header: 'Interests', width: '1.3fr', value: (r) => r.tags.join(', ') },
  {
    id: 'lastContacted',
    header: 'Last contacted',
    width: 'minmax(6.5em, 0.8fr)',
    sort: 'lastContactedAt',
    value: (r) => date(r.lastContactedAt),
  },
  {
    id: 'ltv',
    header: 'Lifetime value',
    width: 'minmax(6em, 0.8fr)',
    sort: 'lifetimeValue',
    value: (r) => money.format(r.lifetimeValue),
  },
];

export const gridTemplate = customerColumns.map((c) => c.width).join(' ');
