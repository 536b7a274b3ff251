import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { openDatabase } from '../../src/core/db/open';
import { silentLogger } from '../../src/core/logging/logger';
import { createEncryptedFileStore, secretFilesFor } from '../../src/core/secrets/encrypted-file-store';
import type { ProviderCredentialsInput } from '../../src/shared/contract/providers';
import { fakeCredentials, wrongElevenLabsKey, wrongTwilioAuthToken } from '../fakes/provider-api/credentials';
import { type FakeProviderApi, startFakeProviderApi } from '../fakes/provider-api/server';
import { invoker } from '../helpers/invoke';

/** The settings form filled with the fake's good credentials (auth-token mode). */
const goodForm = (): ProviderCredentialsInput => ({
  twilio: {
    accountSid: fakeCredentials.twilio.accountSid,
    authMode: 'auth-token',
    authToken: fakeCredentials.twilio.authToken,
    callerNumbers: fakeCredentials.twilio.callerNumbers,
  },
  elevenlabs: {
    apiKey: fakeCredentials.elevenlabs.apiKey,
    agentId: fakeCredentials.elevenlabs.agentId,
    phoneNumberId: fakeCredentials.elevenlabs.phoneNumberId,
  },
  dialMode: 'own-twilio',
});

describe('provider settings against the fake Twilio + ElevenLabs API (the real adapter)', () => {
  let fake: FakeProviderApi;
  let dir: string;
  let app: NavaiaApp;
  let call: ReturnType<typeof invoker>;

  beforeAll(async () => {
    fake = await startFakeProviderApi();
    dir = mkdtempSync(join(tmpdir(), 'navaia-fakeapi-'));
    const dataFile = join(dir, 'navaia.db');
    // What the e2e host does: the environment points the real adapter at the fake.
    process.env.NAVAIA_ELEVENLABS_BASE_URL = fake.url;
    process.env.NAVAIA_TWILIO_BASE_URL = fake.url;
    app = createApp({
      db: openDatabase(dataFile),
      logger: silentLogger,
      host: 'browser',
      dataFile,
      secrets: createEncryptedFileStore(secretFilesFor(dataFile)),
    });
    await app.start();
    call = invoker(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    delete process.env.NAVAIA_ELEVENLABS_BASE_URL;
    delete process.env.NAVAIA_TWILIO_BASE_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports both services connected for good credentials', async () => {
    expect(await call('providers.testConnection', { credentials: goodForm() })).toMatchObject({
      ok: true,
      result: { twilio: { ok: true }, elevenlabs: { ok: true } },
    });
  });

  it('says which service refused a wrong key', async () => {
    const form = goodForm();
    const report = await call('providers.testConnection', {
      credentials: { ...form, elevenlabs: { ...form.elevenlabs, apiKey: wrongElevenLabsKey } },
    });
    expect(report).toMatchObject({
      ok: true,
      result: {
        twilio: { ok: true },
        elevenlabs: { ok: false, message: expect.stringMatching(/ElevenLabs rejected the API key \(401\)/) },
      },
    });
    const badTwilio = await call('providers.testConnection', {
      credentials: { ...form, twilio: { ...form.twilio, authToken: wrongTwilioAuthToken } },
    });
    expect(badTwilio).toMatchObject({
      ok: true,
      result: { twilio: { ok: false, message: expect.stringMatching(/Twilio rejected the credentials/) } },
    });
  });

  it('saves the credentials and builds the real provider from them', async () => {
    expect(await call('providers.save', goodForm())).toMatchObject({
      ok: true,
      result: { configured: true },
    });
    expect(await call('providers.testConnection', {})).toMatchObject({
      ok: true,
      result: { twilio: { ok: true }, elevenlabs: { ok: true } },
    });
  });
});
