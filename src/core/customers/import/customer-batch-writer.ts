import type {
  CustomerImportMapping,
  CustomerImportProgress,
  CustomerImportReject,
} from '@shared/contract/customers';
import { AppError } from '@shared/errors';
import type { Db } from '../../db/open';
import { columnOf, type PendingRow } from './customer-record-reader';
import { type CustomerWriter, createCustomerWriter } from './customer-writer';
import { columnFailingMostRows } from './failing-column';
import type { RejectsFile } from './rejects-file';

export interface BatchWriteOptions {
  mapping: CustomerImportMapping;
  now: number;
  rejects: RejectsFile;
  /** How many rejects the result lists (all go to the rejects file). */
  keepRejects?: number;
  onProgress?: (totals: CustomerImportTotals) => void;
}

/** An import's counts: its progress event without the import's id. */
export type CustomerImportTotals = Omit<CustomerImportProgress, 'importId'>;

/**
 * What an import ends with: its totals, the first rejects (all of them are in the rejects file) and the
 * first rows imported with a field left out.
 */
export type CsvImportResult = CustomerImportTotals & {
  rejects: CustomerImportReject[];
  warnings: CustomerImportReject[];
};

/**
 * Writes batches of read rows, one transaction each, in file order; each refused row (refused when read,
 * or when written because the file already named that customer) goes to the rejects file with its row
 * number, column and reason.
 */
export function createBatchWriter(db: Db, options: BatchWriteOptions) {
  const keepRejects = options.keepRejects ?? 200;
  const totals: CustomerImportTotals = { rowsProcessed: 0, imported: 0, updated: 0, rejected: 0, warned: 0 };
  const firstRejects: CustomerImportReject[] = [];
  const firstWarnings: CustomerImportReject[] = [];
  let writer: CustomerWriter | undefined;
  let firstBatch = true;

  const reject = (cells: string[], found: CustomerImportReject) => {
    totals.rejected++;
    if (firstRejects.length < keepRejects) firstRejects.push(found);
    options.rejects.write(cells, found);
  };

  const close = () => {
    writer?.close();
    options.rejects.close();
  };

  return {
    /** The file's header is known: rows can be written from now on. */
    start(headers: string[]) {
      options.rejects.setHeader(headers);
      writer = createCustomerWriter(db, options.mapping);
    },
    /** Writes one batch in one transaction: whole or not at all. */
    write(rows: PendingRow[]) {
      const w = writer;
      if (rows.length === 0 || !w) return;
      if (firstBatch) {
        firstBatch = false;
        const stop = columnFailingMostRows(rows, options.mapping);
        if (stop) throw new AppError('invalid_input', stop);
      }
      w.inTransaction(() => {
        for (const pending of rows) {
          if ('reject' in pending) {
            reject(pending.cells, pending.reject);
            continue;
          }
          const outcome = w.write(pending.customer, pending.row);
          if (outcome.kind === 'rejected') {
            const field = outcome.reason.startsWith('external id') ? 'externalId' : 'phone';
            reject(pending.cells, {
              row: pending.row,
              column: columnOf(options.mapping, field),
              reason: outcome.reason,
            });
          } else {
            totals[outcome.kind]++;
            if (pending.warnings) {
              totals.warned++;
              for (const warning of pending.warnings)
                if (firstWarnings.length < keepRejects) firstWarnings.push(warning);
            }
          }
        }
      });
      totals.rowsProcessed += rows.length;
      options.onProgress?.({ ...totals });
    },
    /** The totals and first rejects once every batch is written; the writer cannot be used afterwards. */
    finish(): CsvImportResult {
      close();
      if (!writer) throw new AppError('invalid_input', 'The file is empty: it has no header row');
      return { ...totals, rejects: firstRejects, warnings: firstWarnings };
    },
    /** Lets go of the rows' writer and the rejects file without finishing. */
    close,
    get totals() {
      return { ...totals };
    },
  };
}
