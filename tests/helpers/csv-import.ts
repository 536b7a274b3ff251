import { Readable } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { guessMapping } from '../../src/core/customers/import/column-mapping';
import type { CsvImportResult } from '../../src/core/customers/import/customer-batch-writer';
import {
  type CsvImportOptions,
  importCustomersCsv,
} from '../../src/core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../src/core/customers/import/preview-csv';
import { createRejectsFile } from '../../src/core/customers/import/rejects-file';
import type { Db } from '../../src/core/db/open';
import { createTempDb } from './temp-db';

export interface CsvImportFixture {
  db: Db;
  /** The test's folder (ends with a slash): the rejects go to `rejects.csv` in it. */
  dir: string;
  /** Imports CSV text as the app does: the mapping guessed from its header, the text in `pieces`. */
  importText(
    text: string,
    options?: Partial<CsvImportOptions> & { pieces?: number },
  ): Promise<CsvImportResult>;
}

/** A fresh database for every test of the suite, and a way to import CSV text into it. */
export function csvImportPerTest(now: number): CsvImportFixture {
  const fixture = {} as CsvImportFixture;
  let cleanup: () => void = () => undefined;
  beforeEach(() => {
    const temp = createTempDb();
    fixture.db = temp.db;
    fixture.dir = temp.file.replace(/navaia\.db$/, '');
    cleanup = temp.cleanup;
  });
  afterEach(() => cleanup());
  fixture.importText = (text, { pieces = 1, ...options } = {}) => {
    const size = Math.ceil(text.length / pieces);
    const chunks = Array.from({ length: pieces }, (_, i) => text.slice(i * size, (i + 1) * size));
    return importCustomersCsv(fixture.db, Readable.from(chunks), {
      mapping: guessMapping(previewCustomerCsv(text).headers),
      now,
      rejects: createRejectsFile(`${fixture.dir}rejects.csv`),
      ...options,
    });
  };
  return fixture;
}
