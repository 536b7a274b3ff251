import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createApp, type NavaiaApp } from '../core/app';
import { describeDataFile, findDataFile } from '../core/db/data-file';
import { type Db, openDatabase } from '../core/db/open';
import { silentLogger } from '../core/logging/logger';
import { defaultDataFile } from '../core/paths';
import { createEncryptedFileStore, secretFilesFor } from '../core/secrets/encrypted-file-store';
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract';
import { regionCodeSchema } from '../shared/contract/settings';
import type { RpcErrorBody } from '../shared/errors';

/** The `--db FILE` option every command takes. */
export function withDbOption(command: Command): Command {
  return command.option('--db <file>', 'database file (default: the desktop app’s data file)');
}

/** The `--region CC` option of the import commands: the country for numbers without a country code. */
export function withRegionOption(command: Command): Command {
  return command.option(
    '--region <cc>',
    'country for numbers without a country code (default: the default region setting)',
    (value: string) => {
      const region = regionCodeSchema.safeParse(value);
      if (!region.success)
        throw new InvalidArgumentError('--region must be a two-letter country code, e.g. US.');
      return region.data;
    },
  );
}

export function dbFileOf(options: { db?: string }): string {
  return options.db ?? defaultDataFile();
}

/**
 * Opens (migrating) the database file, saying on stderr when it was not an ordinary database: created by
 * this command, or an empty file. Output on stdout stays what the command prints.
 */
export function openCliDatabase(dataFile: string): Db {
  const found = findDataFile(dataFile);
  const db = openDatabase(dataFile);
  const note = describeDataFile(found);
  if (note) process.stderr.write(`navaia: ${note}\n`);
  return db;
}

/** Opens the database (migrating it) and builds the app core the same way the desktop app does. */
export function openCliApp(options: { db?: string }): NavaiaApp {
  const dataFile = dbFileOf(options);
  return createApp({
    db: openCliDatabase(dataFile),
    logger: silentLogger,
    host: 'cli',
    dataFile,
    secrets: createEncryptedFileStore(secretFilesFor(dataFile)),
  });
}

/** A contract call the core refused: its message is written for users. */
export class CliCallError extends Error {
  readonly body: RpcErrorBody;
  constructor(body: RpcErrorBody) {
    super(body.message);
    this.body = body;
  }
}

export type CliCall = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/**
 * The app core for one command, reached through the contract's dispatch like every other host (the same
 * validation, the injected clock, the same events). `close` closes the database.
 */
export function openCliCore(options: { db?: string }): { app: NavaiaApp; call: CliCall; close(): void } {
  const app = openCliApp(options);
  const call: CliCall = async (method, input) => {
    const reply = await app.dispatch(method, input, { clientId: 'cli' });
    if (!reply.ok) throw new CliCallError(reply.error);
    return reply.result as never;
  };
  return { app, call, close: () => app.context.db.$client.close() };
}

/** Runs a command's work against the core and closes the database whatever happens. */
export async function withCliCore<T>(
  options: { db?: string },
  work: (core: ReturnType<typeof openCliCore>) => Promise<T>,
): Promise<T> {
  const core = openCliCore(options);
  try {
    return await work(core);
  } finally {
    core.close();
  }
}

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0.`);
    return n;
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A failure the user can fix: printed as one line, exit code 1 (2 is for bad arguments). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
