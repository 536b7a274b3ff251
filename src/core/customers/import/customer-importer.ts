import type { Db } from '../../db/open';
import { type BatchWriteOptions, type CsvImportResult, createBatchWriter } from './customer-batch-writer';
import { createRecordReader, type PendingRow } from './customer-record-reader';
import type { RowReadOptions } from './customer-row';

/** Rows per transaction unless an import says otherwise. */
export const defaultBatchSize = 5_000;

export interface CustomerImportOptions extends RowReadOptions, BatchWriteOptions {
  /** Rows per transaction. */
  batchSize?: number;
}

/**
 * Imports customers from CSV records fed one at a time (the first is the header), on this thread: rows
 * are read as they come and written in batches, one transaction each. Memory stays flat whatever the
 * file size.
 */
export function createCustomerImporter(db: Db, options: CustomerImportOptions) {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const reader = createRecordReader(options);
  const writer = createBatchWriter(db, options);
  let batch: PendingRow[] = [];

  const flush = () => {
    const rows = batch;
    batch = [];
    writer.write(rows);
  };

  return {
    /** One CSV record; `malformed` is the parser's complaint about it, if any. */
    accept(record: string[], malformed?: string) {
      const read = reader.accept(record, malformed);
      if (!read) return;
      if ('headers' in read) writer.start(read.headers);
      else batch.push(read);
      if (batch.length >= batchSize) flush();
    },
    /** Writes what is left and returns the totals; the importer cannot be used afterwards. */
    finish(): CsvImportResult {
      try {
        flush();
      } catch (err) {
        writer.close();
        throw err;
      }
      return writer.finish();
    },
    /** Stops without writing the rows not yet committed. */
    abandon() {
      batch = [];
      writer.close();
    },
    get totals() {
      return writer.totals;
    },
  };
}
