import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { cliSandbox } from '../helpers/cli-sandbox';

const { dir, run } = cliSandbox('cli-import');

describe('the navaia import commands', () => {
  it('imports customers, writes the rejects beside the file, and updates on a second run', () => {
    const db = join(dir, 'customers.db');
    const csv = join(dir, 'people.csv');
    writeFileSync(
      csv,
      'Customer ID,First Name,Last Name,Mobile,Tags\nA1,Ann,Lee,(305) 555-0100,waterfront\nA2,Bob,,12,\nA3,Cy,Dee,(312) 555-0101,"schools, garden"\n',
    );
    const first = run('import', 'customers', csv, '--db', db, '--json');
    expect(first.status, first.stderr).toBe(0);
    const rejectsFile = join(dir, 'people.rejects.csv');
    expect(JSON.parse(first.stdout)).toEqual({ imported: 2, updated: 0, rejected: 1, rejectsFile });
    expect(readFileSync(rejectsFile, 'utf8')).toBe(
      '\uFEFFCustomer ID,First Name,Last Name,Mobile,Tags,row,column,reason\r\nA2,Bob,,12,,3,Mobile,phone: not a valid number for region US\r\n',
    );

    const second = run('import', 'customers', csv, '--db', db);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe(`0 imported, 2 updated, 1 rejected (reasons in ${rejectsFile})\n`);
    const check = openDatabase(db);
    expect(check.$client.prepare('select count(*) from customers').pluck().get()).toBe(2);
    check.$client.close();
  });

  it('removes a stale rejects file when a run has no rejects', () => {
    const csv = join(dir, 'clean.csv');
    writeFileSync(csv, 'Name,Phone\nAnn Lee,+44 20 7946 0958\n');
    writeFileSync(join(dir, 'clean.rejects.csv'), 'old');
    const result = run('import', 'customers', csv, '--db', join(dir, 'clean.db'), '--json', '--region', 'gb');
    expect(JSON.parse(result.stdout)).toEqual({ imported: 1, updated: 0, rejected: 0 });
    expect(existsSync(join(dir, 'clean.rejects.csv'))).toBe(false);
  });

  it('imports a do-not-call list', () => {
    const csv = join(dir, 'dnc.csv');
    writeFileSync(csv, 'phone\n(305) 555-0100\nnope\n');
    const result = run('dnc', 'import', csv, '--db', join(dir, 'dnc.db'), '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      added: 1,
      alreadyListed: 0,
      rejected: 1,
      rejects: [{ row: 3, column: 'phone', reason: 'phone: not a valid number for region US' }],
    });
  });

  it('exits 2 with one line for a missing file, a bad region, or a file without a phone column', () => {
    const missing = run('import', 'customers', join(dir, 'nope.csv'), '--db', join(dir, 'x.db'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`navaia: No such file: ${join(dir, 'nope.csv')}\n`);
    const region = run('dnc', 'import', join(dir, 'dnc.csv'), '--region', 'USA', '--db', join(dir, 'x.db'));
    expect(region.status).toBe(2);
    expect(region.stderr).toMatch(/--region must be a two-letter country code, e.g. US\./);
    const csv = join(dir, 'nophone.csv');
    writeFileSync(csv, 'First Name,City\nAnn,Miami\n');
    const noPhone = run('import', 'customers', csv, '--db', join(dir, 'x.db'));
    expect(noPhone.status).toBe(2);
    expect(noPhone.stderr).toBe(
      `navaia: ${csv}: cannot tell which columns to use: choose the column that holds the phone number\n`,
    );
  });
});
