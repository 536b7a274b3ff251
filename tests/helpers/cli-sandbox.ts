import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** The `navaia` command as users run it: a separate Node process from bin/. */
export const navaiaBin = join(__dirname, '../../bin/navaia.js');

/**
 * A temporary folder for a test file's databases and CSV files, deleted after its last test, and a
 * runner that starts `navaia` with the given arguments and returns its status, stdout and stderr.
 */
export function cliSandbox(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `navaia-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [navaiaBin, ...args], { encoding: 'utf8' });
  return { dir, run };
}
