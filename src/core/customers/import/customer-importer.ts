import type {
  CustomerImportField,
  CustomerImportMapping,
  CustomerImportReject,
} from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { mappingProblem } from './column-mapping';
import { type CustomerDraft, createRowReader, type MappedCells, type RowReadOptions } from './customer-row';
import { createCustomerWriter } from './customer-writer';
import type { RejectsFile } from './rejects-file';

export interface CustomerImportOptions extends RowReadOptions {
  mapping: CustomerImportMapping;
  now: number;
  rejects: RejectsFile;
  /** Rows per transaction. */
  batchSize?: number;
  /** How many rejects the result lists (all go to the rejects file). */
  keepRejects?: number;
  onProgress?: (totals: CustomerImportTotals) => void;
}

export interface CustomerImportTotals {
  rowsProcessed: number;
  imported: number;
  updated: number;
  rejected: number;
}

type PendingRow = { row: number; cells: string[] } & (
  | { draft: CustomerDraft }
  | { reject: CustomerImportReject }
);

/**
 * Imports customers from CSV records fed one at a time (the first is the header). Rows are validated as
 * they come and written in batches, one transaction each; each refused row goes to the rejects file
 * with its row number, column and reason. Memory stays flat whatever the file size.
 */
export function createCustomerImporter(db: Db, options: CustomerImportOptions) {
  const batchSize = options.batchSize ?? 5_000;
  const keepRejects = options.keepRejects ?? 200;
  const readRow = createRowReader(options);
  const totals: CustomerImportTotals = { rowsProcessed: 0, imported: 0, updated: 0, rejected: 0 };
  const firstRejects: CustomerImportReject[] = [];
  let headers: string[] | undefined;
  let columns: [CustomerImportField, number][] = [];
  let writer: ReturnType<typeof createCustomerWriter> | undefined;
  /** The file line the next record starts on; a quoted field may span lines. */
  let nextLine = 1;
  let batch: PendingRow[] = [];

  const columnOf = (field: CustomerImportField | 'row') => {
    if (field === 'row') return '(row)';
    if (field === 'firstName') return options.mapping.firstName ?? options.mapping.fullName ?? field;
    return options.mapping[field] ?? field;
  };

  const reject = (pending: { row: number; cells: string[] }, found: CustomerImportReject) => {
    totals.rejected++;
    if (firstRejects.length < keepRejects) firstRejects.push(found);
    options.rejects.write(pending.cells, found);
  };

  const flush = () => {
    if (batch.length === 0 || !writer) return;
    const rows = batch;
    batch = [];
    const w = writer;
    w.inTransaction(() => {
      for (const pending of rows) {
        if ('reject' in pending) {
          reject(pending, pending.reject);
          continue;
        }
        const outcome = w.write(pending.draft, pending.row);
        if (outcome.kind === 'rejected') {
          const column = outcome.reason.startsWith('external id')
            ? columnOf('externalId')
            : columnOf('phone');
          reject(pending, { row: pending.row, column, reason: outcome.reason });
        } else totals[outcome.kind]++;
      }
    });
    totals.rowsProcessed += rows.length;
    options.onProgress?.({ ...totals });
  };

  const readHeader = (record: string[]) => {
    headers = record.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
    const problem = mappingProblem(options.mapping, headers);
    if (problem) throw new AppError('invalid_input', `The file does not fit the mapping: ${problem}`);
    columns = Object.entries(options.mapping)
      .filter(([, column]) => column)
      .map(([field, column]) => [field as CustomerImportField, headers!.indexOf(column!)]);
    options.rejects.setHeader(headers);
    writer = createCustomerWriter(db, options.mapping, options.now);
  };

  return {
    /** One CSV record; `malformed` is the parser's complaint about it, if any. */
    accept(record: string[], malformed?: string) {
      const row = nextLine;
      nextLine += 1 + linesInside(record);
      if (!headers) {
        readHeader(record);
        return;
      }
      if (record.length === 1 && record[0].trim() === '') return; // blank line
      const pending = { row, cells: record };
      if (malformed) {
        batch.push({ ...pending, reject: { row, column: '(row)', reason: `row: ${malformed}` } });
      } else if (record.length !== headers.length) {
        batch.push({
          ...pending,
          reject: {
            row,
            column: '(row)',
            reason: `row: has ${record.length} columns, the header has ${headers.length}`,
          },
        });
      } else {
        const cells: MappedCells = {};
        for (const [field, index] of columns) {
          const value = record[index].trim();
          if (value !== '') cells[field] = value;
        }
        const read = readRow(cells);
        if ('draft' in read) batch.push({ ...pending, draft: read.draft });
        else
          batch.push({
            ...pending,
            reject: {
              row,
              column: [...new Set(read.problems.map((p) => columnOf(p.field)))].join(', '),
              reason: read.problems.map((p) => p.reason).join('; '),
            },
          });
      }
      if (batch.length >= batchSize) flush();
    },
    /** Writes what is left and returns the totals; the importer cannot be used afterwards. */
    finish(): CustomerImportTotals & { rejects: CustomerImportReject[] } {
      if (!headers) throw new AppError('invalid_input', 'The file is empty: it has no header row');
      try {
        flush();
      } finally {
        writer?.close();
        options.rejects.close();
      }
      return { ...totals, rejects: firstRejects };
    },
    /** Stops without writing the rows not yet committed. */
    abandon() {
      batch = [];
      writer?.close();
      options.rejects.close();
    },
    get totals() {
      return { ...totals };
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

export type CustomerImporter = ReturnType<typeof createCustomerImporter>;
