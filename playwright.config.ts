import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// One fresh database per test run; workers inherit the path through the environment.
process.env.NAVAIA_E2E_DB ??= join(mkdtempSync(join(tmpdir(), 'navaia-e2e-')), 'navaia.db');
const port = Number(process.env.NAVAIA_E2E_PORT ?? 5310);
export const e2eToken = 'e2e-token';
/** The fake Twilio + ElevenLabs API the app's real provider talks to; beside each run's app port. */
const fakeApiPort = Number(process.env.NAVAIA_E2E_FAKE_API_PORT ?? port + 1000);
const fakeApiUrl = `http://127.0.0.1:${fakeApiPort}`;
/** The app and the fake run as if it were Tuesday 10:00 in New York, so signed timestamps agree. */
const clockStart = '2026-11-24T15:00:00Z';
const fakeWebhookSecret = 'wsec_fake0001navaia';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Test connection and saving credentials load the vendors' SDKs on first use: seconds on a loaded machine.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 850 },
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: `node bin/navaia.js serve --port ${port} --token ${e2eToken} --db ${process.env.NAVAIA_E2E_DB}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      env: {
        ...process.env,
        // Calls twenty times faster than life, on a Tuesday at 10:00 in New York whatever the real date.
        NAVAIA_SIMULATOR_TIME_SCALE: '0.05',
        NAVAIA_CLOCK_START: clockStart,
        NAVAIA_ELEVENLABS_BASE_URL: fakeApiUrl,
        NAVAIA_TWILIO_BASE_URL: fakeApiUrl,
      } as Record<string, string>,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      // ElevenLabs' post-call webhook points at the app, as the user sets it in the ElevenLabs dashboard.
      command: `node --import tsx tests/fakes/provider-api/start.ts --port ${fakeApiPort} --elevenlabs-webhook http://127.0.0.1:${port}/webhooks/elevenlabs/events --elevenlabs-webhook-secret ${fakeWebhookSecret}`,
      port: fakeApiPort,
      env: { ...process.env, NAVAIA_CLOCK_START: clockStart } as Record<string, string>,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
