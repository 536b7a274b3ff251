import type {
  CustomerImportField,
  CustomerImportMapping,
  CustomerImportReject,
} from '@shared/contract/customers';
import { AppError } from '@shared/errors';
import { mappingProblem } from './column-mapping';
import type { CustomerRow } from './customer-insert-layout';
import { createRowReader, type RowProblem, type RowReadOptions } from './customer-row';

export interface RecordReadOptions extends RowReadOptions {
  mapping: CustomerImportMapping;
  /** Creation and update time of the customers written. */
  now: number;
}

/**
 * A data row of the file, read: the customer to write (with the fields it was imported without, if any),
 * or why the row is refused.
 */
export type PendingRow = { row: number; cells: string[] } & (
  | { customer: CustomerRow; warnings?: CustomerImportReject[] }
  | { reject: CustomerImportReject }
);

/** The file column a problem is reported against (the first name may come from a full-name column). */
export function columnOf(mapping: CustomerImportMapping, field: CustomerImportField | 'row'): string {
  if (field === 'row') return '(row)';
  if (field === 'firstName') return mapping.firstName ?? mapping.fullName ?? field;
  return mapping[field] ?? field;
}

/**
 * Turns CSV records, fed one at a time (the first is the header), into pending rows numbered by the file
 * line they start on. Touches no database.
 */
export function createRecordReader(options: RecordReadOptions) {
  let readRow: ReturnType<typeof createRowReader> | undefined;
  let headers: string[] | undefined;
  /** The file line the next record starts on; a quoted field may span lines. */
  let nextLine = 1;

  const readHeader = (record: string[]) => {
    const read = record.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
    const problem = mappingProblem(options.mapping, read);
    if (problem) throw new AppError('invalid_input', `The file does not fit the mapping: ${problem}`);
    const columns = Object.entries(options.mapping)
      .filter(([, column]) => column)
      .map(([field, column]) => [field as CustomerImportField, read.indexOf(column!)] as const);
    readRow = createRowReader(options, columns);
    headers = read;
    return read;
  };

  const rowOf = (row: number, record: string[], width: number): PendingRow => {
    if (record.length !== width)
      return {
        row,
        cells: record,
        reject: {
          row,
          column: '(row)',
          reason: `row: has ${record.length} columns, the header has ${width}`,
        },
      };
    const read = readRow!(record);
    if ('customer' in read) {
      if (read.warnings.length === 0) return { row, cells: record, customer: read.customer };
      const warnings = read.warnings.map((w) => rejectOf(row, [w]));
      return { row, cells: record, customer: read.customer, warnings };
    }
    return { row, cells: record, reject: rejectOf(row, read.problems) };
  };

  /** One line of the rejects (or warnings) table: the columns at fault, why, and what they hold. */
  const rejectOf = (row: number, problems: RowProblem[]): CustomerImportReject => ({
    row,
    column: [...new Set(problems.map((p) => columnOf(options.mapping, p.field)))].join(', '),
    reason: problems.map((p) => p.reason).join('; '),
    value: problems.map((p) => p.value ?? '').join(' · '),
  });

  /** Numbers a record by the file line it starts on; the first record is the header, blank lines are skipped. */
  const number = (record: string[]): number | { headers: string[] } | undefined => {
    const row = nextLine;
    nextLine += 1 + linesInside(record);
    if (!headers) return { headers: readHeader(record) };
    if (record.length === 1 && record[0].trim() === '') return undefined; // blank line
    return row;
  };

  /** Reads a numbered data record (after the header); `malformed` is the CSV parser's complaint, if any. */
  const read = (row: number, record: string[], malformed?: string): PendingRow => {
    if (!headers) throw new Error('a record was read before the header');
    if (malformed)
      return { row, cells: record, reject: { row, column: '(row)', reason: `row: ${malformed}` } };
    return rowOf(row, record, headers.length);
  };

  return {
    number,
    read,
    /**
     * One CSV record, numbered and read. Returns the header's cleaned names for the first record,
     * nothing for a blank line, the pending row otherwise.
     */
    accept(record: string[], malformed?: string): PendingRow | { headers: string[] } | undefined {
      const numbered = number(record);
      return typeof numbered === 'number' ? read(numbered, record, malformed) : numbered;
    },
  };
}

function linesInside(record: string[]): number {
  let lines = 0;
  for (const cell of record) {
    if (!cell.includes('\n')) continue;
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) lines++;
  }
  return lines;
}
