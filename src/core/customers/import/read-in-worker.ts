import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CustomerImportReject } from '../../../shared/contract/customers';
import { AppError, type AppErrorCode } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { type CustomerImportTotals, createBatchWriter } from './customer-batch-writer';
import type { CustomerImportOptions } from './customer-importer';
import type { RecordReadOptions } from './customer-record-reader';
import { decodePendingRow, type EncodedRow } from './pending-row-codec';

export interface ReadingWorkerData {
  options: RecordReadOptions;
  /** Rows per message: fewer than a batch, so the worker holds few rows between its collections. */
  rowsPerMessage: number;
}
export type ToReadingWorker = { kind: 'text'; text: string } | { kind: 'end' };
type FromReadingWorker =
  | { kind: 'header'; headers: string[] }
  | { kind: 'rows'; rows: EncodedRow[] }
  | { kind: 'consumed' }
  | { kind: 'finished' }
  | { kind: 'failed'; error: { code?: AppErrorCode; message: string } };

const workerModule = new URL('./customer-reading-worker.ts', import.meta.url);

/**
 * Whether reading can go to a worker thread: when core runs from its TypeScript source (the CLI, the
 * benchmark, tests). Inside the desktop app's bundle the worker's module is not there.
 */
export function canReadInWorker(): boolean {
  return workerModule.protocol === 'file:' && existsSync(fileURLToPath(workerModule));
}

/**
 * The ES module of tsx's register API: the worker loads core from source through it, as bin/navaia.js
 * does for the CLI. (Its CommonJS twin registers a loader path that does not exist.)
 */
function tsxEsmApi(): string {
  const packageFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(packageFile), manifest.exports['./esm/api'].import.default)).href;
}

/** Pieces of text given to the worker and not yet parsed; with 1 MB pieces a few MB of rows in flight. */
const maxPiecesInFlight = 4;

/**
 * The streaming import on two threads: a worker parses the CSV and reads each row (the larger half of
 * the work: zod, libphonenumber, value readers) while this thread writes the previous batches. Rows come
 * back in file order, so row numbers and "same number as row N" are exactly those of the one-thread
 * import; batches are written one transaction each; the text handed to the worker is bounded, so memory
 * stays flat.
 */
export async function importWithReadingWorker(
  db: Db,
  input: Readable,
  options: CustomerImportOptions,
): Promise<CustomerImportTotals & { rejects: CustomerImportReject[] }> {
  const writer = createBatchWriter(db, options);
  const { mapping, region, defaultTimeZone } = options;
  const workerData: ReadingWorkerData = {
    options: { mapping, region, defaultTimeZone },
    rowsPerMessage: 500,
  };
  const batchSize = options.batchSize ?? 5_000;
  /** Rows received and not yet written; written a batch (one transaction) at a time, in file order. */
  let received: EncodedRow[] = [];
  const writeBatches = (all: boolean) => {
    while (received.length >= batchSize || (all && received.length > 0)) {
      const batch = received.length > batchSize ? received.splice(0, batchSize) : received;
      if (batch === received) received = [];
      writer.write(batch.map(decodePendingRow));
    }
  };
  const worker = new Worker(
    `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(workerModule.href)}); });`,
    {
      eval: true,
      workerData,
      // Reading makes much short-lived garbage (libphonenumber builds its regular expressions per call): a
      // larger young generation than a worker's default cut the worker's collection time by about 4×.
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
    },
  );

  let failure: unknown;
  let finished = false;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const done = new Promise<void>((resolve, reject) => {
    const stop = (err: unknown) => {
      if (failure !== undefined || finished) return;
      failure = err;
      reject(err);
      input.destroy();
      wakeUp();
    };
    worker.on('message', (message: FromReadingWorker) => {
      if (failure !== undefined) return;
      try {
        if (message.kind === 'header') writer.start(message.headers);
        else if (message.kind === 'rows') {
          for (const row of message.rows) received.push(row);
          writeBatches(false);
        } else if (message.kind === 'consumed') {
          inFlight--;
          wakeUp();
        } else if (message.kind === 'finished') {
          writeBatches(true);
          finished = true;
          resolve();
        } else {
          const { code, message: text } = message.error;
          stop(code ? new AppError(code, text) : new Error(text));
        }
      } catch (err) {
        stop(err);
      }
    });
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the import's reading worker stopped (exit code ${code})`)));
  });
  done.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled

  try {
    const decoder = new StringDecoder('utf8');
    const post = (text: string) => {
      worker.postMessage({ kind: 'text', text } satisfies ToReadingWorker);
      inFlight++;
    };
    for await (const piece of input as AsyncIterable<string | Buffer>) {
      if (failure !== undefined) break;
      post(typeof piece === 'string' ? piece : decoder.write(piece));
      while (inFlight >= maxPiecesInFlight && failure === undefined)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
    if (failure === undefined) {
      const rest = decoder.end();
      if (rest) post(rest);
      worker.postMessage({ kind: 'end' } satisfies ToReadingWorker);
    }
    await done;
  } catch (err) {
    writer.close();
    throw failure ?? err;
  } finally {
    await worker.terminate();
  }
  return writer.finish();
}
