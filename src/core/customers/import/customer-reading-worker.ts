/**
 * The worker half of `read-in-worker.ts`: parses the CSV text it is sent and reads every row (zod,
 * phone numbers, values), posting the rows back in file order, a batch at a time, for the main thread
 * to write. Nothing here touches the database.
 */
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { streamCsvRecords } from './csv-records';
import { createRecordReader } from './customer-record-reader';
import { type EncodedRow, encodePendingRow } from './pending-row-codec';
import type { ReadingWorkerData, ToReadingWorker } from './read-in-worker';

const port = parentPort!;
const { options, rowsPerMessage } = workerData as ReadingWorkerData;
const reader = createRecordReader(options);
const input = new PassThrough({ encoding: 'utf8' });
let batch: EncodedRow[] = [];

const send = () => {
  if (batch.length === 0) return;
  port.postMessage({ kind: 'rows', rows: batch });
  batch = [];
};

streamCsvRecords(input, {
  record(cells, malformed) {
    const read = reader.accept(cells, malformed);
    if (!read) return;
    if ('headers' in read) port.postMessage({ kind: 'header', headers: read.headers });
    else {
      batch.push(encodePendingRow(read));
      if (batch.length >= rowsPerMessage) send();
    }
  },
  end() {
    send();
    port.postMessage({ kind: 'finished' });
  },
  fail(err) {
    const error =
      err instanceof AppError
        ? { code: err.code, message: err.message }
        : { message: err instanceof Error ? err.message : String(err) };
    port.postMessage({ kind: 'failed', error });
    input.destroy();
  },
});

port.on('message', (message: ToReadingWorker) => {
  if (message.kind === 'text') {
    input.write(message.text);
    // Papa parses a piece as it is written, so its rows were posted before this.
    port.postMessage({ kind: 'consumed' });
  } else input.end();
});
