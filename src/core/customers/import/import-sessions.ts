import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type {
  ConsentYesLevel,
  CustomerImportMapping,
  CustomerImportProgress,
  CustomerImportResult,
} from '@shared/contract/customers';
import { CsvTextError, createCsvTextChecker } from '@shared/customers/csv-text';
import { AppError } from '@shared/errors';
import type { AppContext } from '../../app-context';
import { demoCustomerCount } from '../remove-demo-customers';
import { mappingProblem } from './column-mapping';
import type { CsvImportResult } from './customer-batch-writer';
import { importCustomersCsv } from './import-customers-csv';
import { createRejectsFile, type RejectsFile } from './rejects-file';

interface ImportSession {
  input: PassThrough;
  /** Refuses NUL characters and a quote never closed as the text arrives, so memory stays flat. */
  text: ReturnType<typeof createCsvTextChecker>;
  rejects: RejectsFile;
  outcome: Promise<CsvImportResult>;
  failure?: unknown;
  result?: CustomerImportResult;
  progress: CustomerImportProgress;
  idleTimer?: NodeJS.Timeout;
}

/** An import nobody has touched for this long (a closed window, a reloaded page) is let go. */
const idleMs = 15 * 60_000;

/** Finished imports whose rejects CSV can still be downloaded; older ones are forgotten. */
const keptFinished = 5;
const rejectsPieceBytes = 2 * 1024 * 1024;

/**
 * Imports uploaded in pieces: the renderer has a File, not a path, so it sends the text in order and the
 * pieces flow into the same streaming import the CLI uses. Nothing but the current piece is held.
 */
export function createImportSessions({ db, bus, clock, logger, dataFile }: AppContext) {
  const sessions = new Map<string, ImportSession>();
  /** Rejected rows are whole customer records: kept beside the database, in a folder only the user reads. */
  const rejectsFolder = dataFile === ':memory:' ? tmpdir() : join(dirname(dataFile), 'imports');

  const sessionOf = (importId: string) => {
    const session = sessions.get(importId);
    if (!session)
      throw new AppError('not_found', `No import ${importId}: it finished, was cancelled, or never began`);
    clearTimeout(session.idleTimer);
    session.idleTimer = setTimeout(() => forget(importId), idleMs).unref();
    return session;
  };

  const forget = (importId: string) => {
    const session = sessions.get(importId);
    if (!session) return;
    clearTimeout(session.idleTimer);
    sessions.delete(importId);
    session.input.destroy();
    session.rejects.close();
    rmSync(session.rejects.path, { force: true });
  };

  /** Text that is not a CSV ends the import at once, with the reason. */
  const checkText = (importId: string, session: ImportSession, check: () => void) => {
    try {
      check();
    } catch (err) {
      if (!(err instanceof CsvTextError)) throw err;
      session.input.destroy();
      forget(importId);
      throw new AppError('invalid_input', err.message);
    }
  };

  /** A failed import is reported once, then forgotten along with its rejects file. */
  const rethrowFailure = (importId: string, session: ImportSession) => {
    if (session.failure === undefined) return;
    forget(importId);
    throw session.failure;
  };

  return {
    begin(input: {
      fileName: string;
      mapping: CustomerImportMapping;
      region?: string;
      consentYes?: ConsentYesLevel;
    }) {
      const required = mappingProblem(
        input.mapping,
        Object.values(input.mapping).filter((c): c is string => !!c),
      );
      if (required) throw new AppError('invalid_input', `Cannot import ${input.fileName}: ${required}`);
      const importId = `imp-${randomUUID()}`;
      const stream = new PassThrough({ decodeStrings: false, encoding: 'utf8' });
      mkdirSync(rejectsFolder, { recursive: true, mode: 0o700 });
      const rejects = createRejectsFile(join(rejectsFolder, `${importId}.rejects.csv`));
      const progress = { importId, rowsProcessed: 0, imported: 0, updated: 0, rejected: 0, warned: 0 };
      const session: ImportSession = {
        input: stream,
        text: createCsvTextChecker(),
        rejects,
        progress,
        outcome: importCustomersCsv(db, stream, {
          mapping: input.mapping,
          region: input.region,
          consentYes: input.consentYes,
          now: clock.now(),
          rejects,
          // A first load into an empty table builds the indexes once at the end, as the CLI does: the
          // upload is no slower than `navaia import customers` (there are no customers to list meanwhile).
          bulkFirstLoad: true,
          onProgress: (totals) => {
            session.progress = { importId, ...totals };
            bus.publish('customer.importProgress', session.progress);
          },
        }),
      };
      session.outcome.catch((err) => {
        session.failure = err;
        logger.info({ err, importId }, 'customer import stopped');
      });
      sessions.set(importId, session);
      sessionOf(importId); // starts its idle timer
      return { importId };
    },

    async chunk(importId: string, text: string): Promise<CustomerImportProgress> {
      const session = sessionOf(importId);
      rethrowFailure(importId, session);
      if (session.result) throw new AppError('invalid_state', 'This import has already finished');
      checkText(importId, session, () => session.text.check(text));
      if (!session.input.write(text))
        await new Promise((resolve) => {
          session.input.once('drain', resolve);
          session.input.once('close', resolve); // the import failed and let go of its input
        });
      // Let the parser take the piece before answering, so a bad header is reported on the first piece.
      await new Promise((resolve) => setImmediate(resolve));
      rethrowFailure(importId, session);
      return session.progress;
    },

    async finish(importId: string): Promise<CustomerImportResult> {
      const session = sessionOf(importId);
      if (session.result) return session.result;
      checkText(importId, session, () => session.text.finish());
      session.input.end();
      try {
        const totals = await session.outcome;
        session.result = {
          importId,
          ...totals,
          rejectsCsvBytes: session.rejects.bytes,
          rejectsFile: session.rejects.bytes > 0 ? session.rejects.path : null,
          demoCustomers: demoCustomerCount(db),
        };
      } catch (err) {
        forget(importId);
        throw err;
      }
      bus.publish('customer.importProgress', { importId, ...totals(session.result) });
      const finished = [...sessions].filter(([, s]) => s.result).map(([id]) => id);
      for (const id of finished.slice(0, Math.max(0, finished.length - keptFinished))) forget(id);
      return session.result;
    },

    cancel(importId: string) {
      const known = sessions.has(importId);
      forget(importId);
      return { cancelled: known };
    },

    /** A piece of the rejects CSV, cut on a character boundary. */
    rejectsCsv(importId: string, offset: number): { text: string; nextOffset: number | null } {
      const session = sessionOf(importId);
      if (!session.result) throw new AppError('invalid_state', 'The import has not finished yet');
      const size = session.rejects.bytes;
      if (size === 0 || offset >= size) return { text: '', nextOffset: null };
      const want = Math.min(rejectsPieceBytes, size - offset);
      // One byte more than the piece, to see whether the piece ends inside a character.
      const buffer = Buffer.alloc(want + 1);
      const fd = openSync(session.rejects.path, 'r');
      let got: number;
      try {
        got = readSync(fd, buffer, 0, want + 1, offset);
      } finally {
        closeSync(fd);
      }
      let end = Math.min(got, want);
      while (offset + end < size && end > 0 && (buffer[end] & 0xc0) === 0x80) end--;
      const next = offset + end;
      return { text: buffer.subarray(0, end).toString('utf8'), nextOffset: next < size ? next : null };
    },
  };
}

const totals = ({ rowsProcessed, imported, updated, rejected, warned }: CustomerImportProgress) => ({
  rowsProcessed,
  imported,
  updated,
  rejected,
  warned,
});
