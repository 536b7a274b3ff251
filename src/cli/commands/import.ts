import { closeSync, createReadStream, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Command, InvalidArgumentError } from 'commander';
import { mappingProblem } from '../../core/customers/import/column-mapping';
import type { CsvImportResult } from '../../core/customers/import/customer-batch-writer';
import { importCustomersCsv } from '../../core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../core/customers/import/preview-csv';
import { createRejectsFile } from '../../core/customers/import/rejects-file';
import {
  type ConsentYesLevel,
  type CustomerImportReject,
  consentYesLevels,
} from '../../shared/contract/customers';
import {
  type CsvEncoding,
  CsvTextError,
  decodeCsvPieces,
  encodingNotice,
  inspectCsvBytes,
  multilineWarning,
} from '../../shared/customers/csv-text';
import { errorMessage } from '../../shared/errors';
import { CliError, openCliApp, printJson, withDbOption, withRegionOption } from '../cli-context';
import { applyMapOptions, collect, describeMapping } from '../import-mapping';
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

const consentYesOption = (value: string): ConsentYesLevel => {
  if ((consentYesLevels as readonly string[]).includes(value)) return value as ConsentYesLevel;
  throw new InvalidArgumentError('--consent-yes is verbal (the safe reading) or written.');
};

const problemLine = (p: CustomerImportReject) =>
  `  row ${p.row}, ${p.column}${p.value ? ` “${p.value}”` : ''}: ${p.reason}`;

interface ImportOptions {
  region?: string;
  json?: boolean;
  db?: string;
  map: string[];
  consentYes: ConsentYesLevel;
  dryRun?: boolean;
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
    )
      .option('--map <column=field>', 'map a column to a field, or to none (repeatable)', collect, [])
      .option(
        '--consent-yes <level>',
        'what a yes in the consent column records: verbal (default; no marketing calls) or written',
        consentYesOption,
        'verbal' as ConsentYesLevel,
      )
      .option('--dry-run', 'show what would be imported and refused, writing nothing')
      .option('--json', 'print the result as JSON'),
  ).action(async (file: string, options: ImportOptions) => {
    const { encoding, warnings: textWarnings } = await inspectFile(file);
    let preview: ReturnType<typeof previewCustomerCsv>;
    try {
      preview = previewCustomerCsv(readFileStart(file, encoding));
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`${file}: ${errorMessage(err)}`, 2);
    }
    const mapping = applyMapOptions(preview.guessedMapping, preview.headers, options.map);
    const problem = mappingProblem(mapping, preview.headers);
    if (problem) throw new CliError(`${file}: cannot tell which columns to use: ${problem} (use --map)`, 2);

    const app = openCliApp(options);
    const db = app.context.db;
    // A dry run writes into a transaction it rolls back, and its rejects into a file it deletes.
    const rejectsPath = options.dryRun
      ? join(tmpdir(), `navaia-dry-run-${process.pid}.csv`)
      : rejectsPathOf(file);
    rmSync(rejectsPath, { force: true }); // a stale rejects file would describe an earlier run
    const progress = createProgress('Importing', !options.json && process.stderr.isTTY === true);
    const size = statSync(file).size;
    const bytes = readPieces(file);
    const input = Readable.from(decodeCsvPieces(bytes, encoding));
    for (const warning of textWarnings) if (!options.json) process.stderr.write(`navaia: ${warning}\n`);
    let result: CsvImportResult;
    try {
      if (options.dryRun) db.$client.exec('begin immediate');
      result = await importCustomersCsv(db, input, {
        mapping,
        region: options.region,
        consentYes: options.consentYes,
        now: Date.now(),
        rejects: createRejectsFile(rejectsPath),
        keepRejects: 20,
        bulkFirstLoad: !options.dryRun,
        onProgress: () => progress.update(bytes.bytesRead, size),
      });
      progress.done();
    } finally {
      if (options.dryRun) {
        if (db.$client.inTransaction) db.$client.exec('rollback');
        rmSync(rejectsPath, { force: true });
      }
      db.$client.close();
    }
    const summary = {
      imported: result.imported,
      updated: result.updated,
      rejected: result.rejected,
      warned: result.warned,
      ...(options.dryRun ? { dryRun: true, rejects: result.rejects } : {}),
      ...(result.rejected > 0 && !options.dryRun ? { rejectsFile: rejectsPath } : {}),
      ...(result.warned > 0 ? { warnings: result.warnings.slice(0, 20) } : {}),
      ...(textWarnings.length > 0 ? { encoding, textWarnings } : {}),
    };
    if (options.json) {
      printJson(summary);
      return;
    }
    const counts = `${result.imported} imported, ${result.updated} updated, ${result.rejected} rejected, ${result.warned} imported without a field`;
    if (options.dryRun) {
      console.log(`Dry run, nothing written. Columns: ${describeMapping(mapping)}`);
      console.log(`Would be: ${counts}`);
      if (result.rejects.length > 0) console.log(['Refused:', ...result.rejects.map(problemLine)].join('\n'));
    } else console.log(counts + (result.rejected > 0 ? ` (reasons in ${rejectsPath})` : ''));
    if (result.warned > 0)
      console.log(['Imported without a field:', ...result.warnings.slice(0, 20).map(problemLine)].join('\n'));
  });
}
