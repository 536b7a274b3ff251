import type { PendingRow } from './customer-record-reader';
import type { CustomerDraft } from './customer-row';

/**
 * Pending rows as plain arrays for `postMessage`: the structured clone of an array of values costs about
 * a third of that of objects with named fields, and the writing thread pays for every row it receives.
 * The row's original cells travel as one JSON string, parsed only if the row turns out to be refused.
 */
const draftFields = [
  'externalId',
  'firstName',
  'lastName',
  'phone',
  'email',
  'timeZone',
  'region',
  'city',
  'neighborhood',
  'budgetMin',
  'budgetMax',
  'preferredPropertyType',
  'lifecycleStage',
  'bookingStatus',
  'lastContactedAt',
  'customerSince',
  'lifetimeValue',
  'consent',
  'consentAt',
  'tags',
] as const satisfies readonly (keyof CustomerDraft)[];

// Every field of a draft is listed above: adding one to CustomerDraft without listing it fails here.
type Unlisted = Exclude<keyof CustomerDraft, (typeof draftFields)[number]>;
const allListed: [Unlisted] extends [never] ? true : Unlisted = true;
void allListed;

export type EncodedRow = unknown[];

export function encodePendingRow(pending: PendingRow): EncodedRow {
  const cells = JSON.stringify(pending.cells);
  if ('reject' in pending) return [pending.row, cells, pending.reject];
  const encoded: unknown[] = [pending.row, cells];
  for (const field of draftFields) encoded.push(pending.draft[field]);
  return encoded;
}

export function decodePendingRow(encoded: EncodedRow): PendingRow {
  const row = encoded[0] as number;
  const cellsJson = encoded[1] as string;
  const lazy = {
    row,
    get cells(): string[] {
      return JSON.parse(cellsJson) as string[];
    },
  };
  if (encoded.length === 3) return Object.assign(lazy, { reject: encoded[2] }) as PendingRow;
  const draft: Record<string, unknown> = {};
  for (let i = 0; i < draftFields.length; i++) {
    const value = encoded[i + 2];
    if (value !== undefined) draft[draftFields[i]] = value;
  }
  return Object.assign(lazy, { draft: draft as unknown as CustomerDraft });
}
