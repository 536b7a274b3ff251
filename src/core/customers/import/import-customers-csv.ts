import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { CustomerImportReject } from '../../../shared/contract/customers';
import type { Db } from '../../db/open';
import { getSettings } from '../../settings/settings-store';
import { restoreMissingCustomerIndexes, withSecondaryIndexesDeferred } from './bulk-load';
import {
  type CustomerImportOptions,
  type CustomerImportTotals,
  createCustomerImporter,
} from './customer-importer';

export type CsvImportOptions = Omit<CustomerImportOptions, 'region' | 'defaultTimeZone'> & {
  /** Country for numbers without a country code; the default region setting when absent. */
  region?: string;
  /**
   * Into an empty customers table, build the secondary indexes once at the end (a first load from the
   * CLI). Not for the app's own imports: its screens query customers while an import runs.
   */
  bulkFirstLoad?: boolean;
};

export type CsvImportResult = CustomerImportTotals & { rejects: CustomerImportReject[] };

/** Papa's complaints about a record, in the words a supervisor can act on. */
const malformedReasons: Record<string, string> = {
  MissingQuotes: 'a quoted field is not closed',
  InvalidQuotes: 'a quote inside a quoted field is not doubled',
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
  const importer = createCustomerImporter(db, {
    ...options,
    region: options.region ?? settings.defaultRegion,
    defaultTimeZone: settings.defaultTimeZone,
  });
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      importer.abandon();
      input.destroy();
      reject(err);
    };
    Papa.parse<string[]>(input as unknown as File, {
      skipEmptyLines: false,
      step(results, parser) {
        if (failed) return;
        try {
          const error = results.errors[0];
          importer.accept(results.data, error ? (malformedReasons[error.code] ?? error.message) : undefined);
        } catch (err) {
          fail(err); // first: abort() calls complete() at once
          parser.abort();
        }
      },
      complete() {
        if (failed) return;
        try {
          resolve(importer.finish());
        } catch (err) {
          fail(err);
        }
      },
      error: (err) => fail(err),
    });
  });
}
