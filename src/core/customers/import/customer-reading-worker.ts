/**
 * The worker half of `read-in-worker.ts`. The parsing worker parses the CSV text it is sent and numbers
 * the records by file line; rows go in blocks, dealt in turn to the reading threads (itself and its
 * helpers), which read them (zod, phone numbers, values) and post them to the main thread with the
 * block's number, so the main thread can write them in file order. Nothing here touches the database.
 */
import { PassThrough } from 'node:stream';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { AppError, errorMessage } from '../../../shared/errors';
import { streamCsvRecords } from './csv-records';
import { createRecordReader } from './customer-record-reader';
import { type EncodedRow, encodePendingRow } from './pending-row-codec';
import type { FromReadingWorker, ReadingWorkerData, ToReadingWorker } from './read-in-worker';

/** A numbered record handed to a helper: row, cells, the CSV parser's complaint. */
type NumberedRecord = [number, string[], string | undefined];
type ToHelper =
  | { kind: 'header'; headers: string[] }
  | { kind: 'records'; block: number; records: NumberedRecord[] };

const main = parentPort!;
const data = workerData as ReadingWorkerData;
const reader = createRecordReader(data.options);
const post = (message: FromReadingWorker) => main.postMessage(message);

const failed = (err: unknown) =>
  post({
    kind: 'failed',
    error:
      err instanceof AppError ? { code: err.code, message: err.message } : { message: errorMessage(err) },
  });

if (data.role === 'helper') {
  data.parser.on('message', (message: ToHelper) => {
    try {
      if (message.kind === 'header') reader.takeHeader(message.headers);
      else {
        const rows = message.records.map(([row, cells, malformed]) =>
          encodePendingRow(reader.read(row, cells, malformed)),
        );
        post({ kind: 'rows', block: message.block, rows });
      }
    } catch (err) {
      failed(err);
    }
  });
} else {
  const helpers: MessagePort[] = data.helpers;
  const input = new PassThrough({ encoding: 'utf8' });
  let block = 0;
  let own: EncodedRow[] = [];
  let forwarded: NumberedRecord[] = [];
  /** Block b is read by thread b mod n: 0 is this one, the others are helpers. */
  const helperOf = (b: number) =>
    b % (helpers.length + 1) === 0 ? undefined : helpers[(b % (helpers.length + 1)) - 1];
  const closeBlock = () => {
    const helper = helperOf(block);
    if (helper) {
      if (forwarded.length === 0) return;
      helper.postMessage({ kind: 'records', block, records: forwarded } satisfies ToHelper);
      forwarded = [];
    } else {
      if (own.length === 0) return;
      post({ kind: 'rows', block, rows: own });
      own = [];
    }
    block++;
  };

  streamCsvRecords(input, {
    record(cells, malformed) {
      const numbered = reader.number(cells);
      if (numbered === undefined) return;
      if (typeof numbered !== 'number') {
        post({ kind: 'header', headers: numbered.headers });
        for (const helper of helpers)
          helper.postMessage({ kind: 'header', headers: numbered.headers } satisfies ToHelper);
        return;
      }
      if (helperOf(block)) forwarded.push([numbered, cells, malformed]);
      else own.push(encodePendingRow(reader.read(numbered, cells, malformed)));
      if (own.length + forwarded.length >= data.rowsPerMessage) closeBlock();
    },
    end() {
      closeBlock();
      post({ kind: 'finished', blocks: block });
    },
    fail(err) {
      failed(err);
      input.destroy();
    },
  });

  main.on('message', (message: ToReadingWorker) => {
    if (message.kind === 'text') {
      input.write(message.text);
      // Papa parses a piece as it is written, so its blocks were dealt before this.
      post({ kind: 'consumed', blocks: block });
    } else input.end();
  });
}
