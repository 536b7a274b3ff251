import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { runVirtualUntil, VirtualClock } from '../../src/core/clock/virtual-clock';
import { openDatabase } from '../../src/core/db/open';
import { silentLogger } from '../../src/core/logging/logger';
import type { RealProviderAdapter } from '../../src/core/providers/provider-settings/real-provider-adapter';
import type { SwappableProvider } from '../../src/core/providers/provider-settings/swappable-provider';
import { createEncryptedFileStore, secretFilesFor } from '../../src/core/secrets/encrypted-file-store';
import { installIdOf } from '../../src/core/settings/install-id';
import { insertCustomers, manyCustomers } from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';
import { formCredentials, recordingAdapter } from './provider-settings.doubles';

const start = Date.UTC(2026, 10, 24, 15, 0);

describe('provider settings', () => {
  let dir: string;
  let dataFile: string;
  let apps: NavaiaApp[];
  let built: ReturnType<typeof recordingAdapter>['built'];
  let adapter: RealProviderAdapter;

  const openApp = async () => {
    const app = createApp({
      db: openDatabase(dataFile),
      logger: silentLogger,
      host: 'browser',
      dataFile,
      clock: new VirtualClock(start),
      secrets: createEncryptedFileStore(secretFilesFor(dataFile)),
      realProviderAdapter: adapter,
    });
    await app.start();
    apps.push(app);
    return app;
  };
  const real = (app: NavaiaApp) => app.context.providers.get('elevenlabs-twilio') as SwappableProvider;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-providers-'));
    dataFile = join(dir, 'navaia.db');
    apps = [];
    ({ adapter, built } = recordingAdapter());
  });
  afterEach(async () => {
    for (const app of apps) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the real provider when credentials are saved, replaces it on the next save and removes it on clear', async () => {
    const app = await openApp();
    const call = invoker(app);
    expect(await call('providers.status', {})).toMatchObject({
      ok: true,
      result: { configured: false, storage: { kind: 'encrypted-file' }, twilio: null },
    });
    expect(real(app).configured).toBe(false);

    const saved = await call('providers.save', formCredentials());
    expect(saved).toMatchObject({
      ok: true,
      result: {
        configured: true,
        twilio: {
          accountSid: 'AC11111111111111111111111111111111',
          authTokenSet: true,
          callerNumbers: ['+13055550100'],
        },
        elevenlabs: { agentId: 'agent_123', apiKeySet: true, webhookSecretSet: true },
      },
    });
    expect(real(app).configured).toBe(true);
    expect(built).toHaveLength(1);
    expect(built[0].config.twilio.authToken).toBe('secret-twilio-token-a81f');

    // Blank secret fields keep what is stored; the provider is rebuilt and the old one closed.
    await call('providers.save', {
      ...formCredentials({ authToken: '', callerNumbers: ['+13055550100', '+13055550101'] }),
      elevenlabs: { apiKey: '', agentId: 'agent_789', phoneNumberId: 'phnum_456', webhookSecret: '' },
    });
    expect(built).toHaveLength(2);
    expect(built[0].closed).toBe(true);
    expect(built[1].config).toMatchObject({
      twilio: { authToken: 'secret-twilio-token-a81f', callerNumbers: ['+13055550100', '+13055550101'] },
      elevenlabs: {
        apiKey: 'secret-eleven-key-c42d',
        agentId: 'agent_789',
        webhookSecret: 'secret-webhook-e93b',
      },
    });

    expect(await call('providers.clear', {})).toMatchObject({
      ok: true,
      result: { configured: false, twilio: null },
    });
    expect(built[1].closed).toBe(true);
    expect(real(app).configured).toBe(false);
  });

  it('brings the real provider back from the secret store on the next start', async () => {
    const first = await openApp();
    await invoker(first)('providers.save', formCredentials());
    await first.close();
    apps = [];
    const second = await openApp();
    expect(real(second).configured).toBe(true);
    expect(built.at(-1)?.config.elevenlabs.apiKey).toBe('secret-eleven-key-c42d');
    expect(await invoker(second)('providers.status', {})).toMatchObject({
      ok: true,
      result: { configured: true, twilio: { authTokenSet: true } },
    });
  });

  it('asks again for the secrets of a different Twilio account instead of reusing the old ones', async () => {
    const call = invoker(await openApp());
    await call('providers.save', formCredentials());
    const other = await call('providers.save', {
      ...formCredentials({ accountSid: 'AC22222222222222222222222222222222', authToken: '' }),
    });
    expect(other).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'twilio.authToken', message: 'enter the Twilio auth token' }],
      },
    });
    expect(built).toHaveLength(1);
  });

  it('reads caller numbers written the way every other phone field takes them', async () => {
    const call = invoker(await openApp());
    const saved = await call(
      'providers.save',
      formCredentials({ callerNumbers: ['(305) 555-0100', '305.555.0101', '+1 305 555 0102'] }),
    );
    expect(saved).toMatchObject({
      ok: true,
      result: { twilio: { callerNumbers: ['+13055550100', '+13055550101', '+13055550102'] } },
    });
    const wrong = await call(
      'providers.save',
      formCredentials({ callerNumbers: ['+1 305 555 0100', '(999) 555-0101'] }),
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          'Caller numbers: “(999) 555-0101” is not a phone number: write it like +1 305 555 0142, or (305) 555-0142 in US',
        issues: [{ path: 'twilio.callerNumbers.1' }],
      },
    });
  });

  it('rejects malformed identifiers with the field that is wrong', async () => {
    const call = invoker(await openApp());
    const bad = await call(
      'providers.save',
      formCredentials({ accountSid: 'XX123', callerNumbers: ['305 555'] }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.issues?.map((i) => i.path).sort()).toEqual([
      'twilio.accountSid',
      'twilio.callerNumbers.0',
    ]);
    expect(built).toHaveLength(0);
  });

  it('tests unsaved credentials merged with the stored secrets, reporting each service', async () => {
    const call = invoker(await openApp());
    expect(await call('providers.testConnection', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: 'Enter the credentials to test first' },
    });
    await call('providers.save', formCredentials());
    const report = await call('providers.testConnection', {
      credentials: {
        ...formCredentials({ authToken: '' }),
        elevenlabs: { apiKey: '', agentId: 'agent_999', phoneNumberId: 'phnum_456' },
      },
    });
    expect(report).toEqual({
      ok: true,
      result: {
        twilio: {
          ok: true,
          message: 'Twilio account AC11111111111111111111111111111111 answered (token [secret])',
        },
        elevenlabs: { ok: false, message: 'Agent agent_999 found' },
        agentSetup: [],
      },
    });
  });

  it('gives softphone tokens only for calls on the real provider, and only while it is configured', async () => {
    const app = await openApp();
    const call = invoker(app, 'client-alice');
    const db = app.context.db;
    const [customerId] = insertCustomers(db, [{ name: 'Rae', phone: '+12125550199' }], start);
    const attemptOn = (provider: 'simulator' | 'elevenlabs-twilio') => {
      const campaignId = createCampaign(
        db,
        { name: provider, objective: 'renewal', provider, script: { firstMessage: 'Hi' } },
        start,
      ).id;
      return Number(
        db.$client
          .prepare(
            `insert into call_attempts (campaign_id, customer_id, attempt_number, idempotency_key, provider, to_number, queued_at, updated_at)
             values (?, ?, 1, ?, ?, '+12125550199', ?, ?)`,
          )
          .run(campaignId, customerId, `${provider}-1`, provider, start, start).lastInsertRowid,
      );
    };
    const simulated = attemptOn('simulator');
    const real = attemptOn('elevenlabs-twilio');

    expect(await call('softphone.token', { attemptId: simulated, agentName: 'Alice' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: 'This call is not on a phone line; it needs no softphone' },
    });
    expect(await call('softphone.token', { attemptId: real, agentName: 'Alice' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: 'The ElevenLabs + Twilio provider is not configured' },
    });
    await call('providers.save', formCredentials());
    expect(await call('softphone.token', { attemptId: real, agentName: 'Alice' })).toEqual({
      ok: true,
      result: {
        token: `voice-jwt-for-navaia_${installIdOf(db)}_alice`,
        identity: `navaia_${installIdOf(db)}_alice`,
        expiresAt: start + 600_000,
      },
    });
    expect(await call('softphone.token', { attemptId: 9999, agentName: 'Alice' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('holds a real campaign without using anyone’s attempts while no credentials exist, and dials once they are saved', async () => {
    const app = await openApp();
    const clock = app.context.clock as VirtualClock;
    const db = app.context.db;
    insertCustomers(db, manyCustomers(5), start);
    const id = createCampaign(
      db,
      {
        name: 'Resumed without credentials',
        objective: 'renewal',
        provider: 'elevenlabs-twilio',
        script: { firstMessage: 'Hi' },
        schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
      },
      start,
    ).id;
    // As a paused campaign resumed after its credentials were removed: the engine itself, no readiness check.
    app.engine.startCampaign(id);
    await runVirtualUntil(clock, start + 10 * 60_000);
    const attempts = () =>
      db.$client
        .prepare(
          'select state, attempt_number as n, provider_call_id as callId from call_attempts where campaign_id = ?',
        )
        .all(id) as { state: string; n: number; callId: string | null }[];
    // Nothing placed, nothing failed: each customer still has only a first attempt, waiting (a trial dial
    // may be in flight at this instant).
    expect(attempts()).toHaveLength(5);
    expect(attempts().filter((a) => a.callId !== null || !['queued', 'dialing'].includes(a.state))).toEqual(
      [],
    );
    expect(attempts().every((a) => a.n === 1)).toBe(true);

    await invoker(app)('providers.save', formCredentials());
    await runVirtualUntil(clock, clock.now() + 30 * 60_000);
    // Every customer's first attempt is the one that reached them: none was spent while waiting.
    expect(attempts().filter((a) => a.n === 1 && a.callId !== null)).toHaveLength(5);
  });

  it('refuses to save where the host has no secret storage', async () => {
    const app = createApp({
      db: openDatabase(dataFile),
      logger: silentLogger,
      host: 'cli',
      dataFile,
      realProviderAdapter: adapter,
    });
    apps.push(app);
    const call = invoker(app);
    expect(await call('providers.status', {})).toMatchObject({
      ok: true,
      result: { storage: { kind: 'none' } },
    });
    expect(await call('providers.save', formCredentials())).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: 'This host cannot store provider credentials' },
    });
  });
});
