import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const script = join(root, 'scripts/electronegativity.mjs');

async function runScanner(args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failure = err as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('the Electronegativity gate', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on an app that turns context isolation off, naming the check and the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-electronegativity-'));
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });\n",
    );
    const allowList = join(dir, 'allowlist.json');
    writeFileSync(allowList, JSON.stringify({ findings: [] }));
    const result = await runScanner(['--sources', dir, '--allowlist', allowList]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK .*main\.js:2/);
    expect(result.stderr).toMatch(/MEDIUM SANDBOX_JS_CHECK .*main\.js:2/);
  }, 30_000);

  it('fails when an allow-list entry explains a finding that no longer exists', async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-electronegativity-'));
    const allowList = join(dir, 'allowlist.json');
    const reviewed = (await import('../../../security/electronegativity-allowlist.json')).default;
    const stale = { check: 'SANDBOX_JS_CHECK', file: 'src/main/index.ts', justification: 'x'.repeat(40) };
    writeFileSync(allowList, JSON.stringify({ findings: [...reviewed.findings, stale] }));
    const result = await runScanner(['--allowlist', allowList]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('match no finding any more');
    expect(result.stderr).toContain('SANDBOX_JS_CHECK src/main/index.ts');
  }, 30_000);

  it('passes on Navaia itself: every HIGH/MEDIUM finding is fixed or reviewed', async () => {
    const result = await runScanner();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/(\d+) HIGH\/MEDIUM, \1 explained by the allow-list/);
  }, 30_000);
});
