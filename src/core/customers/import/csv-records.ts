import type { Readable } from 'node:stream';
import Papa from 'papaparse';

/** Papa's complaints about a record, in the words a supervisor can act on. */
const malformedReasons: Record<string, string> = {
  MissingQuotes: 'a quoted field is not closed',
  InvalidQuotes: 'a quote inside a quoted field is not doubled',
};

export interface CsvRecordHandlers {
  /** One record; `malformed` is the parser's complaint about it, if any. Throwing stops the parse. */
  record(cells: string[], malformed: string | undefined): void;
  end(): void;
  fail(err: unknown): void;
}

/**
 * Parses a CSV stream piece by piece as it arrives, handing over each record as soon as it is complete,
 * so a million-row file never sits in memory. `fail` is called at most once, and `end` never after it.
 */
export function streamCsvRecords(input: Readable, handlers: CsvRecordHandlers): void {
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    handlers.fail(err);
  };
  Papa.parse<string[]>(input as unknown as File, {
    skipEmptyLines: false,
    step(results, parser) {
      if (failed) return;
      try {
        const error = results.errors[0];
        handlers.record(results.data, error ? (malformedReasons[error.code] ?? error.message) : undefined);
      } catch (err) {
        fail(err); // first: abort() calls complete() at once
        parser.abort();
      }
    },
    complete() {
      if (failed) return;
      try {
        handlers.end();
      } catch (err) {
        fail(err);
      }
    },
    error: (err) => fail(err),
  });
}
