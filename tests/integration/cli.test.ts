import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliSandbox, navaiaBin } from '../helpers/cli-sandbox';

const { dir, run } = cliSandbox('cli');

describe('the navaia CLI', () => {
  it('seeds a database and reports its table counts as JSON', () => {
    const db = join(dir, 'seeded.db');
    const seeded = run('seed', '--customers', '500', '--db', db, '--json');
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ customers: 500 });
    const info = JSON.parse(
      execFileSync(process.execPath, [navaiaBin, 'db', 'info', '--json', '--db', db], { encoding: 'utf8' }),
    );
    expect(info).toMatchObject({ file: db, counts: { customers: 500, campaigns: 0, callAttempts: 0 } });
  });

  it('refuses to seed over existing customers unless told to append', () => {
    const db = join(dir, 'twice.db');
    expect(run('seed', '--customers', '10', '--db', db).status).toBe(0);
    const again = run('seed', '--customers', '10', '--db', db);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has 10 customers.*--append/);
    expect(run('seed', '--customers', '10', '--append', '--db', db).status).toBe(0);
  });

  it('exits 2 with one clear line for bad arguments', () => {
    const bad = run('seed', '--customers', 'many', '--db', join(dir, 'x.db'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--customers must be a whole number/);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('counts an audience, and times the count when asked', () => {
    const db = join(dir, 'audience.db');
    expect(run('seed', '--customers', '400', '--db', db).status).toBe(0);
    const criteria = join(dir, 'miami.json');
    writeFileSync(
      criteria,
      JSON.stringify({ combinator: 'and', rules: [{ field: 'city', operator: '=', value: 'Miami' }] }),
    );
    const inMiami = new Database(db, { readonly: true })
      .prepare("select count(*) from customers where city = 'Miami'")
      .pluck()
      .get();
    const timed = run('audience', 'count', '--criteria', criteria, '--json', '--timing', '--db', db);
    expect(timed.status, timed.stderr).toBe(0);
    const result = JSON.parse(timed.stdout);
    expect(result).toMatchObject({ matched: inMiami, elapsedMs: expect.any(Number) });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    const untimed = JSON.parse(run('audience', 'count', '--criteria', criteria, '--json', '--db', db).stdout);
    expect(untimed).toEqual({ ...result, elapsedMs: undefined });
    expect(run('audience', 'count', '--criteria', criteria, '--timing', '--db', db).stdout).toMatch(
      /counted in \d+(\.\d)? ms/,
    );
  });
});
