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
    expect(JSON.parse(first.stdout)).toEqual({
      imported: 2,
      updated: 0,
      rejected: 1,
      warned: 0,
      rejectsFile,
    });
    expect(readFileSync(rejectsFile, 'utf8')).toBe(
      '\uFEFFCustomer ID,First Name,Last Name,Mobile,Tags,row,column,reason\r\nA2,Bob,,12,,3,Mobile,phone: not a valid number for region US\r\n',
    );

    const second = run('import', 'customers', csv, '--db', db);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe(
      `0 imported, 2 updated, 1 rejected, 0 imported without a field (reasons in ${rejectsFile})\n`,
    );
    const check = openDatabase(db);
    expect(check.$client.prepare('select count(*) from customers').pluck().get()).toBe(2);
    check.$client.close();
  });

  it('removes a stale rejects file when a run has no rejects', () => {
    const csv = join(dir, 'clean.csv');
    writeFileSync(csv, 'Name,Phone\nAnn Lee,+44 20 7946 0958\n');
    writeFileSync(join(dir, 'clean.rejects.csv'), 'old');
    const result = run('import', 'customers', csv, '--db', join(dir, 'clean.db'), '--json', '--region', 'gb');
    expect(JSON.parse(result.stdout)).toEqual({ imported: 1, updated: 0, rejected: 0, warned: 0 });
    expect(existsSync(join(dir, 'clean.rejects.csv'))).toBe(false);
  });

  it('takes the mapping from --map and what a yes means from --consent-yes, and --dry-run writes nothing', () => {
    const db = join(dir, 'mapped.db');
    const csv = join(dir, 'office.csv');
    writeFileSync(
      csv,
      'Client,Cell,OK to ring,Notes,Lease end\nAna Diaz,(305) 555-0110,yes,VIP,2027-01-10\nBen Ortiz,(305) 555-0111,no,,\nCy Wu,12,yes,,\nDee Lam,(305) 555-0113,maybe,,\n',
    );
    const map = [
      '--map',
      'Client=fullName',
      '--map',
      'Cell=phone',
      '--map',
      'OK to ring=consent',
      '--map',
      'Lease end=contractEndsAt',
    ];
    const dry = run('import', 'customers', csv, '--db', db, ...map, '--consent-yes', 'written', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      [
        'Dry run, nothing written. Columns: Client → fullName, Cell → phone, OK to ring → consent, Lease end → contractEndsAt',
        'Would be: 3 imported, 0 updated, 1 rejected, 1 imported without a field',
        'Refused:',
        '  row 4, Cell “12”: phone: not a valid number for region US',
        'Imported without a field:',
        '  row 5, OK to ring “maybe”: consent: not a consent answer (use yes/no, true/false, 1/0, opted in/out, or none/verbal/written) (imported without it)',
        '',
      ].join('\n'),
    );
    const count = (sql: string) => {
      const check = openDatabase(db);
      try {
        return check.$client.prepare(sql).pluck().get();
      } finally {
        check.$client.close();
      }
    };
    expect(count('select count(*) from customers')).toBe(0);
    expect(existsSync(join(dir, 'office.rejects.csv'))).toBe(false);

    const real = run('import', 'customers', csv, '--db', db, ...map, '--consent-yes', 'written', '--json');
    expect(real.status, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ imported: 3, rejected: 1, warned: 1 });
    expect(count("select group_concat(consent, ' ') from (select consent from customers order by id)")).toBe(
      'written none none',
    );
    expect(count('select count(*) from contracts')).toBe(1);

    const unknown = run('import', 'customers', csv, '--db', db, '--map', 'Cell=mobile');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /“mobile” is not a customer field; use one of externalId, firstName, .*, or none/,
    );
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
      `navaia: ${csv}: cannot tell which columns to use: choose the column that holds the phone number (use --map)\n`,
    );
  });
});
