import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsFolder } from '../../src/core/backup/backup-files';
import { openDatabase } from '../../src/core/db/open';
import { cliSandbox, navaiaBin } from '../helpers/cli-sandbox';

const { dir, run } = cliSandbox('database-file');
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const customers = (file: string) => {
  const db = openDatabase(file);
  try {
    return db.$client.prepare('select count(*) from customers').pluck().get() as number;
  } finally {
    db.$client.close();
  }
};

/** Starts `navaia serve` on a free port, waits for its address, stops it; returns what it printed. */
async function serveOnce(file: string): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [navaiaBin, 'serve', '--db', file], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/Navaia is running/);
  child.kill('SIGTERM');
  await exited;
  return { stdout, stderr };
}

describe('what Navaia finds where its database should be', () => {
  it('refuses a damaged file unchanged, saying what it means and where the backups are', () => {
    const file = join(dir, 'damaged', 'navaia.db');
    mkdirSync(backupsFolder(file), { recursive: true });
    writeFileSync(join(backupsFolder(file), 'navaia-before-import-20261124T000000000Z.db'), 'x');
    writeFileSync(file, Buffer.alloc(8192, 7));
    const before = hash(file);
    const info = run('db', 'info', '--db', file);
    expect(info.status).toBe(1);
    expect(info.stderr).toMatch(/navaia\.db is not a database/);
    expect(info.stderr).toMatch(/did not change it/);
    expect(info.stderr).toContain(join(backupsFolder(file), 'navaia-before-import-20261124T000000000Z.db'));
    expect(info.stderr.trim().split('\n')).toHaveLength(1);
    expect(hash(file)).toBe(before);
  });

  it('says so when it creates a database, and when the file it found was empty', () => {
    const created = run('db', 'info', '--db', join(dir, 'new.db'));
    expect(created.status).toBe(0);
    expect(created.stderr).toMatch(/Created a new database at .*new\.db/);
    const emptyFile = join(dir, 'empty.db');
    writeFileSync(emptyFile, '');
    const empty = run('db', 'info', '--db', emptyFile);
    expect(empty.status).toBe(0);
    expect(empty.stderr).toMatch(/empty\.db is empty \(0 bytes\).*no demo data/);
  });

  it('serve adds demo customers only to a database it created, never to an empty or missing one where Navaia was used', async () => {
    const fresh = join(dir, 'fresh', 'navaia.db');
    const first = await serveOnce(fresh);
    expect(first.stdout).toMatch(/added 10000 demo customers/);
    expect(customers(fresh)).toBe(10_000);

    const emptied = join(dir, 'emptied', 'navaia.db');
    mkdirSync(join(dir, 'emptied'));
    writeFileSync(emptied, '');
    const second = await serveOnce(emptied);
    expect(second.stdout).not.toMatch(/demo customers/);
    expect(second.stderr).toMatch(/is empty \(0 bytes\)/);
    expect(customers(emptied)).toBe(0);

    const lost = join(dir, 'lost', 'navaia.db');
    mkdirSync(backupsFolder(lost), { recursive: true });
    writeFileSync(join(backupsFolder(lost), 'navaia-before-0002-20261124T000000000Z.db'), 'x');
    const third = await serveOnce(lost);
    expect(third.stderr).toMatch(/There was no database at .*although Navaia has been used/);
    expect(customers(lost)).toBe(0);
  }, 120_000);
});
