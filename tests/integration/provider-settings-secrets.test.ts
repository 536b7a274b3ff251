import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { runVirtualUntil, VirtualClock } from '../../src/core/clock/virtual-clock';
import { openDatabase } from '../../src/core/db/open';
import { createEventBus } from '../../src/core/events/event-bus';
import { createLogger } from '../../src/core/logging/logger';
import { createEncryptedFileStore, secretFilesFor } from '../../src/core/secrets/encrypted-file-store';
import { installIdOf } from '../../src/core/settings/install-id';
import type { EventBatch } from '../../src/shared/contract';
import { insertCustomers, manyCustomers } from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';
import { formCredentials, recordingAdapter } from './provider-settings.doubles';

const start = Date.UTC(2026, 10, 24, 15, 0);
const secrets = [
  'secret-twilio-token-a81f',
  'secret-eleven-key-c42d',
  'secret-webhook-e93b',
  'secret-api-key-5e6f',
];

describe('provider secrets stay in core', () => {
  let dir: string;
  let app: NavaiaApp;
  let clock: VirtualClock;
  let logged: string;
  let events: EventBatch;
  const replies: unknown[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-leak-'));
    const dataFile = join(dir, 'navaia.db');
    logged = '';
    events = [];
    replies.length = 0;
    clock = new VirtualClock(start);
    const bus = createEventBus({ intervalMs: 1 });
    bus.subscribe((batch) => events.push(...batch));
    app = createApp({
      db: openDatabase(dataFile),
      // Debug level: everything core would ever write to the log file.
      logger: createLogger({
        level: 'debug',
        stream: new Writable({
          write(chunk, _encoding, done) {
            logged += chunk.toString();
            done();
          },
        }),
      }),
      host: 'browser',
      dataFile,
      clock,
      bus,
      secrets: createEncryptedFileStore(secretFilesFor(dataFile)),
      realProviderAdapter: recordingAdapter().adapter,
    });
    await app.start();
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never sends a secret to the renderer or writes one to the log, across every providers.* method and a real call', async () => {
    const alice = invoker(app, 'client-alice');
    const bob = invoker(app, 'client-bob');
    const record = async <T>(reply: Promise<T>) => {
      const value = await reply;
      replies.push(value);
      return value;
    };

    await record(alice('providers.status', {}));
    await record(alice('providers.save', formCredentials()));
    await record(
      alice('providers.save', {
        ...formCredentials({
          authMode: 'api-key',
          authToken: '',
          apiKeySid: 'SK33333333333333333333333333333333',
          apiKeySecret: 'secret-api-key-5e6f',
        }),
      }),
    );
    await record(alice('providers.status', {}));
    await record(alice('providers.testConnection', {}));
    await record(alice('providers.testConnection', { credentials: formCredentials() }));
    // A failing save (another account, secrets left blank) must not echo the stored ones either.
    await record(
      alice(
        'providers.save',
        formCredentials({ accountSid: 'AC22222222222222222222222222222222', authToken: '' }),
      ),
    );

    // A campaign on the real provider runs, escalates and is taken over to the softphone.
    insertCustomers(app.context.db, manyCustomers(60), start);
    const campaign = createCampaign(
      app.context.db,
      {
        name: 'Real calls',
        objective: 'neighborhood_interest',
        provider: 'elevenlabs-twilio',
        script: {
          firstMessage:
            'Hello {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. This call may be recorded. If you would rather not get these calls, just say so and we will not call again.',
        },
        pacing: { maxConcurrent: 20, maxPerMinute: 200 },
        schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
      },
      clock.now(),
    );
    expect(await record(alice('campaigns.start', { id: campaign.id }))).toMatchObject({ ok: true });
    let escalated: number | undefined;
    for (let i = 0; i < 3600 && escalated === undefined; i++) {
      await runVirtualUntil(clock, clock.now() + 1000);
      escalated = app.context.db.$client
        .prepare("select id from call_attempts where state = 'escalated' limit 1")
        .pluck()
        .get() as number | undefined;
    }
    expect(escalated).toBeDefined();
    const attemptId = escalated!;

    // The softphone is readied before the takeover, so it is listening when the call is redirected to it;
    // each agent gets a token for their own identity only: this install and their name.
    const install = installIdOf(app.context.db);
    expect(await record(alice('softphone.token', { attemptId, agentName: 'Alice' }))).toEqual({
      ok: true,
      result: {
        token: `voice-jwt-for-navaia_${install}_alice`,
        identity: `navaia_${install}_alice`,
        expiresAt: clock.now() + 600_000,
      },
    });
    expect(await record(bob('softphone.token', { attemptId, agentName: 'Bob' }))).toMatchObject({
      ok: true,
      result: { identity: `navaia_${install}_bob` },
    });
    expect(await record(alice('calls.takeOver', { attemptId, agentName: 'Alice' }))).toMatchObject({
      ok: true,
      result: {
        mode: 'human',
        heldBy: 'Alice',
        session: { kind: 'softphone', identity: `navaia_${install}_alice` },
      },
    });
    await record(alice('calls.end', { attemptId, disposition: 'interested', notes: 'Wants a viewing' }));
    // Credentials cannot change under live calls; once the campaign is stopped and they end, they can.
    expect(await record(alice('providers.clear', {}))).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/real calls? (is|are) live/) },
    });
    await record(alice('campaigns.stop', { id: campaign.id, hangUpLiveCalls: true }));
    await runVirtualUntil(clock, clock.now() + 60_000);
    expect(await record(alice('providers.clear', {}))).toMatchObject({
      ok: true,
      result: { configured: false },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    app.context.bus.flush?.();

    expect(events.length).toBeGreaterThan(10);
    expect(logged).toContain('provider credentials saved');
    const sentToRenderer = JSON.stringify([replies, events]);
    for (const secret of secrets) {
      expect(sentToRenderer).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });
});
