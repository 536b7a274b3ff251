import type { Readable } from 'node:stream';
import type { Db } from '../../db/open';
import { getSettings } from '../../settings/settings-store';
import { restoreMissingCustomerIndexes, withSecondaryIndexesDeferred } from './bulk-load';
import { streamCsvRecords } from './csv-records';
import type { CsvImportResult } from './customer-batch-writer';
import { type CustomerImportOptions, createCustomerImporter } from './customer-importer';

export type CsvImportOptions = Omit<CustomerImportOptions, 'region'> & {
  /** Country for numbers without a country code; the default region setting when absent. */
  region?: string;
  /**
   * Into an empty customers table, build the secondary indexes once at the end (a first load, from the
   * CLI or the app's upload; with no customers yet, no screen or campaign needs them meanwhile). A load
   * cut short gets them back at the next import.
   */
  bulkFirstLoad?: boolean;
};

/**
 * Streams a CSV file into customers: Papa parses it piece by piece as it arrives and each record goes
 * straight to the importer, so a million-row file never sits in memory. The CLI, the desktop app's
 * chunked upload and the benchmark all come through here.
 */
export function importCustomersCsv(
  db: Db,
  input: Readable,
  options: CsvImportOptions,
): Promise<CsvImportResult> {
  restoreMissingCustomerIndexes(db);
  const empty = db.$client.prepare('select not exists (select 1 from customers)').pluck().get() === 1;
  if (options.bulkFirstLoad && empty)
    return withSecondaryIndexesDeferred(db, () => streamIntoCustomers(db, input, options));
  return streamIntoCustomers(db, input, options);
}

function streamIntoCustomers(db: Db, input: Readable, options: CsvImportOptions): Promise<CsvImportResult> {
  const settings = getSettings(db);
  const importOptions: CustomerImportOptions = {
    ...options,
    region: options.region ?? settings.defaultRegion,
  };
  const importer = createCustomerImporter(db, importOptions);
  return new Promise((resolve, reject) => {
    streamCsvRecords(input, {
      record: (cells, malformed) => importer.accept(cells, malformed),
      end: () => resolve(importer.finish()),
      fail(err) {
        importer.abandon();
        input.destroy();
        reject(err);
      },
    });
  });
}
