import type { CustomerImportReject } from '../../../shared/contract/customers';
import type { PendingRow } from './customer-record-reader';

/**
 * Pending rows as plain arrays for `postMessage`: the structured clone of an array of values costs about
 * a third of that of objects with named fields, and the writing thread pays for every row it receives.
 * The customer's values are already in the insert statement's order.
 * The row's original cells travel as one JSON string, parsed only if the row turns out to be refused.
 */
export type EncodedRow = unknown[];

export function encodePendingRow(pending: PendingRow): EncodedRow {
  const cells = JSON.stringify(pending.cells);
  if ('reject' in pending) return [pending.row, cells, pending.reject];
  return [pending.row, cells, pending.customer.values, pending.customer.tags];
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
  const customer = { values: encoded[2] as unknown[], tags: encoded[3] as string[] | undefined };
  return Object.assign(row, { customer });
}
