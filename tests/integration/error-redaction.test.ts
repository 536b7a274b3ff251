import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { runVirtualUntil, VirtualClock } from '../../src/core/clock/virtual-clock';
import { openDatabase } from '../../src/core/db/open';
import type { Logger } from '../../src/core/logging/logger';
import type { VoiceAgentProvider } from '../../src/core/providers/provider';
import { createEncryptedFileStore, secretFilesFor } from '../../src/core/secrets/encrypted-file-store';
import { insertCustomers, manyCustomers } from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';
import { formCredentials, recordingAdapter } from './provider-settings.doubles';

const start = Date.UTC(2026, 10, 24, 15, 0);
const secrets = Object.values({ ...formCredentials().twilio, ...formCredentials().elevenlabs }).filter(
  (v): v is string => typeof v === 'string' && v.startsWith('secret-'),
);

describe('provider errors are stored and shown without the secrets they echo', () => {
  let app: NavaiaApp | undefined;
  let dir = '';
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a provider that answers every dial with an error quoting its key leaves no key in the attempts, events, outage or log', async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-redact-'));
    const dataFile = join(dir, 'navaia.db');
    const { adapter } = recordingAdapter();
    const echoing: typeof adapter = {
      ...adapter,
      async createProvider(config, options) {
        const inner = await adapter.createProvider(config, options);
        return {
          ...inner,
          async placeCall(): Promise<{ callId: string }> {
            throw new Error(
              `401 Unauthorized: invalid xi-api-key ${config.elevenlabs.apiKey} (token ${config.twilio.authToken})`,
            );
          },
        } satisfies VoiceAgentProvider;
      },
    };
    const logged: string[] = [];
    const recording: Logger = {
      debug: (o) => logged.push(JSON.stringify(o)),
      info: (o) => logged.push(JSON.stringify(o)),
      warn: (o) => logged.push(JSON.stringify(o)),
      error: (o) => logged.push(JSON.stringify(o)),
    };
    const clock = new VirtualClock(start);
    app = createApp({
      db: openDatabase(dataFile),
      logger: recording,
      host: 'browser',
      dataFile,
      clock,
      secrets: createEncryptedFileStore(secretFilesFor(dataFile)),
      realProviderAdapter: echoing,
    });
    await app.start();
    await invoker(app)('providers.save', formCredentials());
    const db = app.context.db;
    insertCustomers(db, manyCustomers(4), start);
    const id = createCampaign(
      db,
      {
        name: 'Echo',
        objective: 'renewal',
        provider: 'elevenlabs-twilio',
        script: { firstMessage: 'Hi, this is Navaia Realty. Say stop to opt out.' },
        schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
        retryPolicy: { retryOn: [], delayMinutes: 1, maxAttempts: 1 },
      },
      start,
    ).id;
    app.engine.startCampaign(id);
    await runVirtualUntil(clock, start + 30 * 60_000);
    const errors = db.$client
      .prepare('select error from call_attempts where campaign_id = ?')
      .pluck()
      .all(id) as string[];
    expect(errors).toHaveLength(4);
    expect(errors.every((e) => e.includes('401 Unauthorized') && e.includes('[secret]'))).toBe(true);
    const stored = [
      ...errors,
      ...(db.$client
        .prepare('select data from call_events where data is not null')
        .pluck()
        .all() as string[]),
      JSON.stringify(app.engine.progress(id)),
      ...logged,
    ].join('\n');
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });
});
