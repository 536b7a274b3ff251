/** What the browser-host benches share: a seeded `navaia serve` and Debian's Chromium, as the e2e tests use them. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

/** Seeds `customers` demo customers into `db` and serves it; resolves once the host says it is running. */
export async function startSeededHost(options: {
  db: string;
  customers: number;
  port: number;
  token: string;
}): Promise<ChildProcess> {
  const { db, customers, port, token } = options;
  execFileSync(process.execPath, ['bin/navaia.js', 'seed', '--customers', String(customers), '--db', db]);
  const server = spawn(
    process.execPath,
    ['bin/navaia.js', 'serve', '--port', String(port), '--token', token, '--db', db],
    {
      env: { ...process.env, NAVAIA_CLOCK_START: '2026-11-24T15:00:00Z' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) =>
    server.stdout!.on('data', (d) => String(d).includes('running') && resolve()),
  );
  return server;
}

/** Chromium from Debian with the flags these machines need (never a downloaded browser). */
export function launchChromium(extraArgs: string[] = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
