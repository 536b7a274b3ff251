import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/core/customers/import/column-mapping';
import {
  type CsvImportOptions,
  importCustomersCsv,
} from '../../src/core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../src/core/customers/import/preview-csv';
import { createRejectsFile } from '../../src/core/customers/import/rejects-file';
import type { Db } from '../../src/core/db/open';
import { createTempDb } from '../helpers/temp-db';

const now = Date.UTC(2026, 10, 24, 15);

// Rows that import, rows refused when read, rows refused when written (the file names someone twice,
// across batches), and a quoted field spanning lines, which shifts the row numbers after it.
const file = [
  'External ID,First Name,Last Name,Mobile,City,Interests,Customer since,Notes',
  'C-1,Ann,Lee,(305) 555-0100,Miami,"Waterfront; Luxury",2024-01-05,',
  'C-2,Bob,"Smith, Jr",312-555-0101,Chicago,schools|garden,,"two',
  'lines"',
  'C-3,Cat,Ng,555-01,Miami,,,',
  'C-4,,Orr,(212) 555-0102,New York,,,',
  'C-5,Dan,Park,(213) 555-0103,Los Angeles,,2024-13-40,',
  'C-6,Eve,Kay,(646) 555-0104,New York',
  'C-7,Fay,Cole,305.555.0100,Miami,,,',
  'C-8,Gus,Hale,+44 20 7946 0958,London,"investment, new build",05/01/2023,',
  'C-2,Hal,Ives,+61 2 9374 4000,Sydney,,,',
  'C-10,Ida,Moss,"(702) 555-0105,Las Vegas,,,',
].join('\n');

const expectedRejects = [
  { row: 5, column: 'Mobile', reason: 'phone: not a valid number for region US', value: '555-01' },
  { row: 6, column: 'First Name', reason: 'first name: missing', value: '' },
  { row: 8, column: '(row)', reason: 'row: has 5 columns, the header has 8' },
  { row: 9, column: 'Mobile', reason: 'phone: same number as row 2 of this file' },
  { row: 11, column: 'External ID', reason: 'external id: same id as row 3 of this file' },
  { row: 12, column: '(row)', reason: 'row: a quoted field is not closed' },
];

describe('reading a customer CSV on a worker thread while this one writes', () => {
  const dbs: { db: Db; dir: string; cleanup: () => void }[] = [];
  const freshDb = () => {
    const temp = createTempDb();
    const made = { db: temp.db, dir: temp.file.replace(/navaia\.db$/, ''), cleanup: temp.cleanup };
    dbs.push(made);
    return made;
  };
  beforeEach(() => {
    dbs.length = 0;
  });
  afterEach(() => {
    for (const made of dbs) made.cleanup();
  });

  /** The file in 7-character pieces (cut inside fields and quotes), two rows per transaction. */
  const importInto = (
    { db, dir }: { db: Db; dir: string },
    readInWorker: boolean,
    extra: Partial<CsvImportOptions> = {},
  ) => {
    const pieces = file.match(/[\s\S]{1,7}/g) ?? [];
    return importCustomersCsv(db, Readable.from(pieces), {
      mapping: guessMapping(previewCustomerCsv(file).headers),
      now,
      rejects: createRejectsFile(`${dir}rejects.csv`),
      batchSize: 2,
      readInWorker,
      ...extra,
    });
  };
  const snapshot = (db: Db) =>
    db.$client
      .prepare(`select c.*, (select group_concat(tag, ' ') from (select tag from customer_tags t
          where t.customer_id = c.id order by tag)) as tags from customers c order by id`)
      .all() as Record<string, unknown>[];

  it('gives the same rows, row numbers, rejects file and database as reading on one thread', async () => {
    const one = freshDb();
    const two = freshDb();
    const progress: number[] = [];
    const onThisThread = await importInto(one, false);
    const onWorker = await importInto(two, true, { onProgress: (t) => progress.push(t.rowsProcessed) });

    expect(onWorker).toEqual({
      rowsProcessed: 10,
      imported: 4,
      updated: 0,
      rejected: 6,
      warned: 1,
      rejects: expectedRejects,
      warnings: [
        {
          row: 7,
          column: 'Customer since',
          reason: 'customer since: not a date (use YYYY-MM-DD) (imported without it)',
          value: '2024-13-40',
        },
      ],
    });
    expect(onThisThread).toEqual(onWorker);
    expect(progress).toEqual([2, 4, 6, 8, 10]);
    expect(snapshot(two.db)).toEqual(snapshot(one.db));
    expect(snapshot(two.db).map((c) => [c.external_id, c.phone, c.time_zone, c.tags])).toEqual([
      ['C-1', '+13055550100', 'America/New_York', 'luxury waterfront'],
      ['C-2', '+13125550101', 'America/Chicago', 'garden schools'],
      ['C-5', '+12135550103', 'America/Los_Angeles', null],
      ['C-8', '+442079460958', 'Europe/London', 'investment new-build'],
    ]);
    const rejectsFile = readFileSync(`${two.dir}rejects.csv`, 'utf8');
    expect(rejectsFile).toBe(readFileSync(`${one.dir}rejects.csv`, 'utf8'));
    expect(rejectsFile.split('\r\n')[4]).toBe(
      'C-7,Fay,Cole,305.555.0100,Miami,,,,9,Mobile,phone: same number as row 2 of this file',
    );
  });

  it('writes each batch in one transaction: a failing batch keeps the batches before it and nothing of its own', async () => {
    const namesAfterImport = async (readInWorker: boolean, refused: string) => {
      const target = freshDb();
      target.db.$client.exec(`create trigger refuse_one before insert on customers when new.first_name = '${refused}'
        begin select raise(abort, 'this customer may not be written'); end`);
      await expect(importInto(target, readInWorker)).rejects.toThrow('this customer may not be written');
      return target.db.$client.prepare('select first_name from customers order by id').pluck().all();
    };
    for (const readInWorker of [false, true]) {
      // Two rows a batch: Bob shares the first batch with Ann, so Ann is rolled back with it.
      expect(await namesAfterImport(readInWorker, 'Bob')).toEqual([]);
      // Gus (row 10) is in the fourth batch; the three before it stay written.
      expect(await namesAfterImport(readInWorker, 'Gus')).toEqual(['Ann', 'Bob', 'Dan']);
    }
  });

  it('refuses a file that does not fit the mapping, or has no header, before writing anything', async () => {
    const target = freshDb();
    await expect(
      importInto(target, true, { mapping: { firstName: 'Given', phone: 'Mobile' } }),
    ).rejects.toThrow('The file does not fit the mapping: column “Given” (for firstName) is not in the file');
    await expect(
      importCustomersCsv(target.db, Readable.from(['']), {
        mapping: { firstName: 'Given', phone: 'Mobile' },
        now,
        rejects: createRejectsFile(`${target.dir}empty.csv`),
        readInWorker: true,
      }),
    ).rejects.toThrow('The file is empty: it has no header row');
    expect(target.db.$client.prepare('select count(*) from customers').pluck().get()).toBe(0);
  });

  it('deals a large file in blocks to several reading threads and writes them back in file order', async () => {
    // 2,600 rows (six blocks of 500): a bad number every 97th row, and rows that repeat an earlier
    // customer's number in a later block, so the "same number as row N" check crosses blocks and threads.
    const lines = ['Customer ID,Name,Phone'];
    for (let i = 1; i <= 2_600; i++) {
      const phone =
        i % 97 === 0 ? '12' : `(305) 5${String(i).padStart(2, '0').slice(-2)}-${String(1000 + i)}`;
      lines.push(`K-${i},Person ${i},${i % 650 === 0 ? '(305) 503-1003' : phone}`);
    }
    const big = `${lines.join('\n')}\n`;
    const run = (target: { db: Db; dir: string }, readInWorker: boolean, readingThreads?: number) =>
      importCustomersCsv(target.db, Readable.from(big.match(/[\s\S]{1,65536}/g) ?? []), {
        mapping: guessMapping(['Customer ID', 'Name', 'Phone']),
        now,
        rejects: createRejectsFile(`${target.dir}rejects.csv`),
        keepRejects: 1_000,
        readInWorker,
        readingThreads,
      });
    const one = freshDb();
    const three = freshDb();
    const onThisThread = await run(one, false);
    const onWorkers = await run(three, true, 3);
    expect(onWorkers).toEqual(onThisThread);
    expect(onWorkers).toMatchObject({ rowsProcessed: 2_600, rejected: 26 + 4 });
    expect(onWorkers.rejects.filter((r) => r.reason.startsWith('phone: same'))).toEqual(
      [650, 1_300, 1_950, 2_600].map((i) => ({
        row: i + 1,
        column: 'Phone',
        reason: 'phone: same number as row 4 of this file',
      })),
    );
    expect(snapshot(three.db)).toEqual(snapshot(one.db));
    expect(readFileSync(`${three.dir}rejects.csv`, 'utf8')).toBe(
      readFileSync(`${one.dir}rejects.csv`, 'utf8'),
    );
  });
});
