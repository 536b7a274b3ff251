import {
  type CustomerImportField,
  type CustomerImportMapping,
  customerImportFieldLabels,
} from '@shared/contract/customers';
import type { PendingRow } from './customer-record-reader';

const date = 'dates like 2026-03-31 (or 03/31/2026 in the US)';
const amount = 'amounts like 450000, $450,000 or 450k';
/** What each field's cells should hold, in words, for the message that stops an import. */
const expectedValues: Partial<Record<CustomerImportField, string>> = {
  phone: 'phone numbers, like +1 305 555 0142 or (305) 555-0142',
  email: 'email addresses like name@example.com',
  timeZone: 'time zones like America/New_York',
  region: 'region codes like US or US-FL',
  budget: 'amounts or ranges like 300000-450000',
  budgetMin: amount,
  budgetMax: amount,
  lifetimeValue: amount,
  preferredPropertyType: 'apartment, house, townhouse, condo, villa, land or commercial',
  lifecycleStage: 'lead, prospect, customer or past customer',
  bookingStatus: 'none, scheduled, completed, cancelled or no show',
  lastContactedAt: date,
  customerSince: date,
  consentAt: date,
  contractEndsAt: date,
  bookingAt: `${date}, with a time like 14:30 if there is one`,
  consent: 'yes/no, Y/N, true/false, 1/0, opted in/out (or blank), or none/verbal/written',
};

/** Rows looked at must number at least this many before one column is judged to fail "most" of them. */
const minimumFailing = 3;

/**
 * Before the first rows are written: a column that most rows cannot be read from is almost always the
 * wrong column (or a file in another format), so the import stops with nothing written, naming the column
 * and what it should hold — instead of refusing, or importing without that field, nearly every row.
 * Returns the message, or undefined when no column fails most rows.
 */
export function columnFailingMostRows(
  rows: PendingRow[],
  mapping: CustomerImportMapping,
): string | undefined {
  const failures = new Map<string, { rows: number; values: Set<string> }>();
  for (const pending of rows) {
    const found = 'reject' in pending ? [pending.reject] : (pending.warnings ?? []);
    for (const problem of found) {
      const values = (problem.value ?? '').split(' · ');
      problem.column.split(', ').forEach((column, i) => {
        if (column === '(row)') return;
        const tally = failures.get(column) ?? { rows: 0, values: new Set<string>() };
        tally.rows++;
        if (values[i] && tally.values.size < 3) tally.values.add(values[i].slice(0, 40));
        failures.set(column, tally);
      });
    }
  }
  const worst = [...failures].sort((a, b) => b[1].rows - a[1].rows)[0];
  if (!worst || worst[1].rows < minimumFailing || worst[1].rows <= rows.length / 2) return undefined;
  const [column, { rows: failing, values }] = worst;
  const field = (Object.keys(mapping) as CustomerImportField[]).find((f) => mapping[f] === column);
  const label = field ? customerImportFieldLabels[field] : column;
  const found =
    values.size > 0 ? ` (it holds values like ${[...values].map((v) => `“${v}”`).join(', ')})` : '';
  const expected = field && expectedValues[field] ? ` It should hold ${expectedValues[field]}.` : '';
  return (
    `Nothing was imported: the column “${column}” could not be read as ${label} in ${failing} of the first ` +
    `${rows.length} rows${found}.${expected} Fix the file, or map ${label} to another column (or to none).`
  );
}
