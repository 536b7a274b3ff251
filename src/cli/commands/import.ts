import { closeSync, createReadStream, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { mappingProblem } from '../../core/customers/import/column-mapping';
import { importCustomersCsv } from '../../core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../core/customers/import/preview-csv';
import { createRejectsFile } from '../../core/customers/import/rejects-file';
import {
  type CsvEncoding,
  CsvTextError,
  decodeCsvPieces,
  encodingNotice,
  inspectCsvBytes,
  multilineWarning,
} from '../../shared/customers/csv-text';
import { CliError, openCliApp, printJson, withDbOption, withRegionOption } from '../cli-context';
import { createProgress } from '../progress';

/** `people.csv` → `people.rejects.csv`, beside it. */
const rejectsPathOf = (file: string) => `${file.replace(/\.csv$/i, '')}.rejects.csv`;

/** The first bytes of a file in its encoding, enough to read its header row. */
function readFileStart(file: string, encoding: CsvEncoding, bytes = 64 * 1024): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
    return new TextDecoder(encoding).decode(read, { stream: true });
  } finally {
    closeSync(fd);
  }
}

const readPieces = (file: string) => createReadStream(file, { highWaterMark: 1024 * 1024 });

/** The file's encoding and what to say about it; a file that is not a usable CSV is refused here. */
async function inspectFile(file: string) {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`No such file: ${file}`, 2);
  try {
    const { encoding, multilineRows } = await inspectCsvBytes(() => readPieces(file));
    const warnings = [encodingNotice(encoding), multilineWarning(multilineRows)].filter(
      (w): w is string => w !== undefined,
    );
    return { encoding, warnings };
  } catch (err) {
    if (err instanceof CsvTextError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description('import data from CSV files');
  withDbOption(
    withRegionOption(
      importCommand
        .command('customers <file>')
        .description(
          'import customers from a CSV (columns mapped from the header names); refused rows go to FILE.rejects.csv',
        ),
    ).option('--json', 'print the result as JSON'),
  ).action(async (file: string, options: { region?: string; json?: boolean; db?: string }) => {
    const { encoding, warnings } = await inspectFile(file);
    let preview: ReturnType<typeof previewCustomerCsv>;
    try {
      preview = previewCustomerCsv(readFileStart(file, encoding));
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`${file}: ${err instanceof Error ? err.message : String(err)}`, 2);
    }
    const problem = mappingProblem(preview.guessedMapping, preview.headers);
    if (problem) throw new CliError(`${file}: cannot tell which columns to use: ${problem}`, 2);

    const app = openCliApp(options);
    const rejectsPath = rejectsPathOf(file);
    rmSync(rejectsPath, { force: true }); // a stale rejects file would describe an earlier run
    const progress = createProgress('Importing', !options.json && process.stderr.isTTY === true);
    const size = statSync(file).size;
    const bytes = readPieces(file);
    const input = Readable.from(decodeCsvPieces(bytes, encoding));
    for (const warning of warnings) if (!options.json) process.stderr.write(`navaia: ${warning}\n`);
    try {
      const result = await importCustomersCsv(app.context.db, input, {
        mapping: preview.guessedMapping,
        region: options.region,
        now: Date.now(),
        rejects: createRejectsFile(rejectsPath),
        keepRejects: 0,
        bulkFirstLoad: true,
        readInWorker: true,
        onProgress: () => progress.update(bytes.bytesRead, size),
      });
      progress.done();
      const summary = {
        imported: result.imported,
        updated: result.updated,
        rejected: result.rejected,
        ...(result.rejected > 0 ? { rejectsFile: rejectsPath } : {}),
        ...(warnings.length > 0 ? { encoding, warnings } : {}),
      };
      if (options.json) printJson(summary);
      else
        console.log(
          `${result.imported} imported, ${result.updated} updated, ${result.rejected} rejected` +
            (result.rejected > 0 ? ` (reasons in ${rejectsPath})` : ''),
        );
    } finally {
      app.context.db.$client.close();
    }
  });
}
