import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { cliSandbox } from '../helpers/cli-sandbox';
import { appForEachTest } from '../helpers/test-app';

const { dir, run } = cliSandbox('csv-encoding');

const names = (db: string) => {
  const d = openDatabase(db);
  try {
    return d.$client.prepare('select first_name from customers order by id').pluck().all() as string[];
  } finally {
    d.$client.close();
  }
};

/** Writes `text` to a file in `encoding` and imports it with the CLI into a new database. */
function importAs(name: string, bytes: Buffer) {
  const csv = join(dir, `${name}.csv`);
  const db = join(dir, `${name}.db`);
  writeFileSync(csv, bytes);
  return { result: run('import', 'customers', csv, '--db', db), db };
}

const text = 'first_name,last_name,phone\nJosé,Muñoz,+12125550181\nZoë,Brontë,+12125550182\n';

describe('reading a customer file’s encoding and text', () => {
  it('reads a Windows-1252 file as such, and says so, instead of importing U+FFFD', () => {
    const latin1 = Buffer.from(text, 'latin1');
    const { result, db } = importAs('latin1', latin1);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/not UTF-8: it was read as Windows-1252/);
    expect(names(db)).toEqual(['José', 'Zoë']);
  });

  it('reads UTF-16 with its byte-order mark, and UTF-8 with or without one', () => {
    const utf16 = importAs('utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(utf16.result.status, utf16.result.stderr).toBe(0);
    expect(names(utf16.db)).toEqual(['José', 'Zoë']);
    const bom = importAs('bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(names(bom.db)).toEqual(['José', 'Zoë']);
    expect(bom.result.stderr).not.toMatch(/Windows-1252/);
  });

  it('refuses a file with NUL characters before importing anything', () => {
    const { result, db } = importAs('nul', Buffer.from(`${text}Bad\u0000Row,X,+12125550183\n`));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Line 4 contains a NUL character/);
    expect(names(db)).toEqual([]);
  });

  it('refuses a quote that is never closed instead of swallowing the rest of the file into one row', () => {
    const rows = ['first_name,last_name,phone', 'Ann,Lee,+12125550184', 'Bob,"O\'Neil,+12125550185'];
    for (let i = 0; i < 5_000; i++) rows.push(`P${i},Q,+1212${String(4_000_000 + i)}`);
    const { result, db } = importAs('runaway', Buffer.from(rows.join('\n')));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Line 3 opens a quoted field that is not closed/);
    expect(names(db)).toEqual([]);
  });

  it('warns about rows whose quoted fields hold line breaks', () => {
    const { result, db } = importAs(
      'multiline',
      Buffer.from('first_name,last_name,phone\n"Ann\nMarie",Lee,+12125550186\nBob,Ray,+12125550187\n'),
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/1 row has line breaks inside quoted fields/);
    expect(names(db)).toEqual(['Ann\nMarie', 'Bob']);
  });
});

describe('an upload through the contract', () => {
  const t = appForEachTest();

  it('is stopped with the reason at the first NUL character or runaway quote', async () => {
    const begin = async () => {
      const begun = await t.call('customers.import.begin', {
        fileName: 'x.csv',
        mapping: { firstName: 'first_name', phone: 'phone' },
      });
      if (!begun.ok) throw new Error(begun.error.message);
      return begun.result.importId;
    };
    const nul = await begin();
    expect(
      await t.call('customers.import.chunk', {
        importId: nul,
        text: 'first_name,phone\nA\u0000,+12125550188\n',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/NUL character/) },
    });
    const runaway = await begin();
    await t.call('customers.import.chunk', {
      importId: runaway,
      text: 'first_name,phone\n"Ann,+12125550189\n',
    });
    expect(await t.call('customers.import.finish', { importId: runaway })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Line 2 opens a quoted field/) },
    });
  });
});
