import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliSandbox, navaiaBin } from '../helpers/cli-sandbox';

const { dir } = cliSandbox('serve-address');
const running: ChildProcess[] = [];

/** Starts `navaia serve` and resolves with the address it prints as JSON, and anything it says after. */
function serve(...args: string[]): Promise<{ url: string; port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [navaiaBin, 'serve', '--no-demo-data', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (data) => {
      out += String(data);
      const end = out.indexOf('}');
      if (end >= 0) resolve({ ...JSON.parse(out.slice(0, end + 1)), child });
    });
    child.stderr?.on('data', (data) => {
      err += String(data);
    });
    child.on('exit', (code) => reject(new Error(`navaia serve exited ${code}: ${err}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

afterEach(async () => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) await stop(child);
});

describe('the browser host’s address', () => {
  it('stays the same between restarts: the last port and token, kept beside the database', {
    timeout: 90_000,
  }, async () => {
    const db = join(dir, 'stable.db');
    const first = await serve('--db', db);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    await stop(first.child);
    const second = await serve('--db', db);
    expect(second.url).toBe(first.url);
    // Only its owner may read the token.
    expect(statSync(`${db}.serve.json`).mode & 0o077).toBe(0);
    await stop(second.child);

    // Something else took the port meanwhile: another is used (and kept for next time), same token.
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(first.port, '127.0.0.1', resolve));
    try {
      const third = await serve('--db', db);
      expect(third.port).not.toBe(first.port);
      expect(new URL(third.url).searchParams.get('token')).toBe(new URL(first.url).searchParams.get('token'));
      expect(JSON.parse(readFileSync(`${db}.serve.json`, 'utf8')).port).toBe(third.port);
    } finally {
      squatter.close();
    }
  });

  it('takes a fixed port with --port and keeps the token in the file --token-file names', {
    timeout: 60_000,
  }, async () => {
    const db = join(dir, 'fixed.db');
    const tokenFile = join(dir, 'navaia.token');
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as { port: number }).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const started = await serve('--db', db, '--port', String(port), '--token-file', tokenFile);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(started.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    await stop(started.child);
    writeFileSync(tokenFile, 'my-own-token-of-the-team-0001\n');
    const again = await serve('--db', db, '--port', String(port), '--token-file', tokenFile);
    expect(again.url).toBe(`http://127.0.0.1:${port}/?token=my-own-token-of-the-team-0001`);
  });
});
