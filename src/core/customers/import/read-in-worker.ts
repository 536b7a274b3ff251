import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { AppError, type AppErrorCode } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { type CsvImportResult, createBatchWriter } from './customer-batch-writer';
import { type CustomerImportOptions, defaultBatchSize } from './customer-importer';
import type { RecordReadOptions } from './customer-record-reader';
import { decodePendingRow, type EncodedRow } from './pending-row-codec';

export type ReadingWorkerData = {
  options: RecordReadOptions;
  /** Rows per block: fewer than a batch, so a reading thread holds few rows between its collections. */
  rowsPerMessage: number;
} & ({ role: 'parser'; helpers: MessagePort[] } | { role: 'helper'; parser: MessagePort });
export type ToReadingWorker = { kind: 'text'; text: string } | { kind: 'end' };
export type FromReadingWorker =
  | { kind: 'header'; headers: string[] }
  | { kind: 'rows'; block: number; rows: EncodedRow[] }
  /** A piece of text was parsed; `blocks` have been dealt so far. */
  | { kind: 'consumed'; blocks: number }
  | { kind: 'finished'; blocks: number }
  | { kind: 'failed'; error: { code?: AppErrorCode; message: string } };

/** The worker's module: built beside the CLI's bundle (out/cli), or its TypeScript source run through tsx. */
const builtWorker = new URL('./customer-reading-worker.js', import.meta.url);
const sourceWorker = new URL('./customer-reading-worker.ts', import.meta.url);
const isFile = (url: URL) => url.protocol === 'file:' && existsSync(fileURLToPath(url));

/**
 * Whether reading can go to a worker thread: from the CLI's bundle, or when core runs from its
 * TypeScript source (benchmarks, tests). Inside the desktop app's bundle the worker's module is not there.
 */
export function canReadInWorker(): boolean {
  return isFile(builtWorker) || isFile(sourceWorker);
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

/** Pieces of text given to the parser and not yet parsed (1 MB each from a file stream). */
const maxPiecesInFlight = 4;
/** Blocks dealt to the reading threads and not yet written: 40 × 500 rows. */
const maxBlocksAhead = 40;

/** Threads that read rows: the parser and a helper where there is a second core for it. */
const defaultReadingThreads = () => Math.min(2, Math.max(1, availableParallelism()));

/**
 * The streaming import with the reading off this thread: a worker parses the CSV, numbers the records
 * and deals them in blocks of 500 rows to the reading threads (itself and, with a second core, a helper),
 * which read each row (zod, libphonenumber, value readers: most of the work) while this thread writes
 * earlier batches. Blocks are put back in file order before writing, so row numbers and "same number as
 * row N" are exactly those of the one-thread import; batches are written one transaction each; text and
 * blocks in flight are bounded, so memory stays flat.
 */
export async function importWithReadingWorker(
  db: Db,
  input: Readable,
  options: CustomerImportOptions,
  /** Threads that read rows (the parser included); by default two where there are two cores. */
  readingThreads?: number,
): Promise<CsvImportResult> {
  const writer = createBatchWriter(db, options);
  const { mapping, region, consentYes, now } = options;
  const shared = { options: { mapping, region, consentYes, now }, rowsPerMessage: 500 };
  const start = (workerData: ReadingWorkerData, transferList: MessagePort[]) => {
    const options = {
      workerData,
      transferList,
      // Reading makes much short-lived garbage (libphonenumber builds its regular expressions per call):
      // a larger young generation than a worker's default cut a reader's collection time by about 4×.
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
    };
    if (isFile(builtWorker)) return new Worker(builtWorker, options);
    return new Worker(
      `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(sourceWorker.href)}); });`,
      { ...options, eval: true },
    );
  };
  const channels = Array.from(
    { length: (readingThreads ?? defaultReadingThreads()) - 1 },
    () => new MessageChannel(),
  );
  const helperPorts = channels.map((c) => c.port1);
  const workers = [
    start({ ...shared, role: 'parser', helpers: helperPorts }, helperPorts),
    ...channels.map((c) => start({ ...shared, role: 'helper', parser: c.port2 }, [c.port2])),
  ];
  const batchSize = options.batchSize ?? defaultBatchSize;

  /** Blocks that arrived before an earlier one, by block number. */
  const early = new Map<number, EncodedRow[]>();
  let nextBlock = 0;
  let blocksDealt = 0;
  let totalBlocks: number | undefined;
  /** Rows received in order and not yet written; written a batch (one transaction) at a time. */
  let received: EncodedRow[] = [];
  const writeBatches = (all: boolean) => {
    while (received.length >= batchSize || (all && received.length > 0)) {
      const batch = received.length > batchSize ? received.splice(0, batchSize) : received;
      if (batch === received) received = [];
      writer.write(batch.map(decodePendingRow));
    }
  };

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
    const complete = () => {
      if (totalBlocks !== nextBlock || finished) return;
      writeBatches(true);
      finished = true;
      resolve();
    };
    const onMessage = (message: FromReadingWorker) => {
      if (failure !== undefined) return;
      try {
        if (message.kind === 'header') writer.start(message.headers);
        else if (message.kind === 'rows') {
          early.set(message.block, message.rows);
          for (let rows = early.get(nextBlock); rows; rows = early.get(nextBlock)) {
            early.delete(nextBlock++);
            for (const row of rows) received.push(row);
          }
          writeBatches(false);
          wakeUp();
          complete();
        } else if (message.kind === 'consumed') {
          inFlight--;
          blocksDealt = message.blocks;
          wakeUp();
        } else if (message.kind === 'finished') {
          totalBlocks = message.blocks;
          complete();
        } else {
          const { code, message: text } = message.error;
          stop(code ? new AppError(code, text) : new Error(text));
        }
      } catch (err) {
        stop(err);
      }
    };
    for (const worker of workers) {
      worker.on('message', onMessage);
      worker.on('error', stop);
      worker.on('exit', (code) =>
        stop(new Error(`a reading worker of the import stopped (exit code ${code})`)),
      );
    }
  });
  done.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled

  try {
    const decoder = new StringDecoder('utf8');
    const post = (text: string) => {
      workers[0].postMessage({ kind: 'text', text } satisfies ToReadingWorker);
      inFlight++;
    };
    for await (const piece of input as AsyncIterable<string | Buffer>) {
      if (failure !== undefined) break;
      post(typeof piece === 'string' ? piece : decoder.write(piece));
      while (
        (inFlight >= maxPiecesInFlight || blocksDealt - nextBlock > maxBlocksAhead) &&
        failure === undefined
      )
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
    if (failure === undefined) {
      const rest = decoder.end();
      if (rest) post(rest);
      workers[0].postMessage({ kind: 'end' } satisfies ToReadingWorker);
    }
    await done;
  } catch (err) {
    writer.close();
    throw failure ?? err;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return writer.finish();
}
