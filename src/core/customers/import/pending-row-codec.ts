import type { CustomerImportReject } from '../../../shared/contract/customers';
import type { PendingRow } from './customer-record-reader';
import type { CustomerRow } from './customer-writer';

/**
 * Pending rows as plain arrays for `postMessage`: the structured clone of an array of values costs about
 * a third of that of objects with named fields, and the writing thread pays for every row it receives.
 * The customer's values are already in the insert statement's order; tags, lease end and viewing follow.
 * The row's original cells travel as one JSON string, parsed only if the row turns out to be refused.
 */
export type EncodedRow = unknown[];

export function encodePendingRow(pending: PendingRow): EncodedRow {
  const cells = JSON.stringify(pending.cells);
  if ('reject' in pending) return [pending.row, cells, pending.reject];
  const { values, ...rest } = pending.customer;
  return [pending.row, cells, values, rest, pending.warnings];
}

export function decodePendingRow(encoded: EncodedRow): PendingRow {
  const cellsJson = encoded[1] as string;
  const row = {
    row: encoded[0] as number,
    get cells(): string[] {
      return JSON.parse(cellsJson) as string[];
    },
  };
  if (encoded.length === 3) return Object.assign(row, { reject: encoded[2] as CustomerImportReject });
  const customer = { values: encoded[2] as unknown[], ...(encoded[3] as Omit<CustomerRow, 'values'>) };
  const warnings = encoded[4] as CustomerImportReject[] | undefined;
  return Object.assign(row, warnings ? { customer, warnings } : { customer });
}
