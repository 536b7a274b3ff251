import { createHmac } from 'node:crypto';
import {
  type ElevenLabsTwilioConfig,
  mintSoftphoneToken,
  softphoneIdentityOf,
  testConnection,
  verifyElevenLabsWebhook,
  verifyTwilioRequest,
} from '@core/providers/elevenlabs-twilio';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeCredentials,
  unownedCallerNumber,
  wrongElevenLabsKey,
  wrongTwilioAuthToken,
} from '../../fakes/provider-api/credentials';
import { type FakeProviderApi, startFakeProviderApi } from '../../fakes/provider-api/server';

const withTwilio = (patch: Partial<ElevenLabsTwilioConfig['twilio']>): ElevenLabsTwilioConfig => ({
  ...fakeCredentials,
  twilio: { ...fakeCredentials.twilio, ...patch },
});
const withElevenLabs = (patch: Partial<ElevenLabsTwilioConfig['elevenlabs']>): ElevenLabsTwilioConfig => ({
  ...fakeCredentials,
  elevenlabs: { ...fakeCredentials.elevenlabs, ...patch },
});

describe('testConnection', () => {
  let fake: FakeProviderApi;
  let endpoints: { elevenlabsBaseUrl: string; twilioBaseUrl: string };
  beforeAll(async () => {
    fake = await startFakeProviderApi();
    endpoints = { elevenlabsBaseUrl: fake.url, twilioBaseUrl: fake.url };
  });
  afterAll(async () => fake.close());

  it('reports both services working with the good credentials, using read-only requests', async () => {
    const before = fake.requests.length;
    expect(await testConnection(fakeCredentials, endpoints)).toEqual({
      twilio: { ok: true, message: 'The Twilio API key works and the account owns 2 caller numbers' },
      elevenlabs: { ok: true, message: 'ElevenLabs agent "Navaia fake agent" is ready on +15005550006' },
      agentSetup: [
        { item: 'overrides', ok: true, message: 'The agent takes Navaia’s first message and instructions' },
        { item: 'audio', ok: true, message: 'Audio in and out is μ-law 8000 Hz, as Twilio streams it' },
        {
          item: 'tools',
          ok: false,
          message:
            'No public URL for webhooks: the agent cannot ask for a person during the call, so escalations show only after it',
        },
      ],
    });
    expect(fake.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
    // With the auth token alone, the account itself is read.
    const withToken = await testConnection(
      withTwilio({ apiKeySid: undefined, apiKeySecret: undefined }),
      endpoints,
    );
    expect(withToken.twilio.message).toBe(
      'Twilio account "Navaia fake account" is active and owns 2 caller numbers',
    );
  });

  it('checks the setup a public URL needs: the URL reaches Navaia, the tools call it, the post-call webhook points at it', async () => {
    const report = await testConnection(
      { ...fakeCredentials, webhooks: { publicUrl: 'http://127.0.0.1:9', toolSecret: 'x'.repeat(32) } },
      endpoints,
    );
    expect(report.agentSetup.map((c) => [c.item, c.ok])).toEqual([
      ['overrides', true],
      ['audio', true],
      ['public_url', false],
      ['tools', false],
      ['post_call_webhook', false],
    ]);
    expect(report.agentSetup[2].message).toBe(
      'http://127.0.0.1:9 cannot be reached from here: is the tunnel running?',
    );
    expect(report.agentSetup[3].message).toContain('lacks request_human, book_viewing, schedule_callback');
    // Missing tools or webhooks make escalations less live, not the calls wrong: the agent still works.
    expect(report.elevenlabs.ok).toBe(true);
  });

  it('says which credential was rejected (401)', async () => {
    const report = await testConnection(
      {
        ...withTwilio({ authToken: wrongTwilioAuthToken, apiKeySid: undefined, apiKeySecret: undefined }),
        elevenlabs: { ...fakeCredentials.elevenlabs, apiKey: wrongElevenLabsKey },
      },
      endpoints,
    );
    expect(report.twilio).toEqual({
      ok: false,
      message: 'Twilio rejected the credentials (401): check the Account SID and auth token or API key',
    });
    expect(report.elevenlabs).toEqual({ ok: false, message: 'ElevenLabs rejected the API key (401)' });
  });

  it('names what does not exist (404) and a caller number the account does not own', async () => {
    const agent = await testConnection(withElevenLabs({ agentId: 'agent_missing' }), endpoints);
    expect(agent.elevenlabs).toEqual({ ok: false, message: 'ElevenLabs has no agent agent_missing (404)' });
    const number = await testConnection(withElevenLabs({ phoneNumberId: 'phnum_missing' }), endpoints);
    expect(number.elevenlabs.message).toBe('ElevenLabs has no phone number phnum_missing (404)');
    const unowned = await testConnection(withTwilio({ callerNumbers: [unownedCallerNumber] }), endpoints);
    expect(unowned.twilio).toEqual({
      ok: false,
      message: `The Twilio API key works and the account does not own ${unownedCallerNumber}`,
    });
  });

  it('explains timeouts and an unreachable host in one line', async () => {
    fake.inject({ path: /IncomingPhoneNumbers\.json$/, kind: 'timeout' });
    fake.inject({ path: /agents\//, kind: 'timeout' });
    const slow = await testConnection(fakeCredentials, endpoints);
    expect(slow.twilio).toEqual({ ok: false, message: 'Twilio did not answer in time' });
    expect(slow.elevenlabs).toEqual({ ok: false, message: 'ElevenLabs did not answer in time' });
    const nowhere = await testConnection(fakeCredentials, {
      elevenlabsBaseUrl: 'http://127.0.0.1:9',
      twilioBaseUrl: 'http://127.0.0.1:9',
    });
    expect(nowhere.twilio.message).toBe('Twilio is unreachable (ECONNREFUSED)');
    expect(nowhere.elevenlabs.ok).toBe(false);
    expect(nowhere.elevenlabs.message).toMatch(/^ElevenLabs is unreachable/);
  }, 30_000);
});

describe('mintSoftphoneToken', () => {
  it('grants incoming calls to the identity takeOver dials (this install + the agent), signed with the API key', () => {
    const identity = softphoneIdentityOf({
      name: 'Zoë O’Brien',
      installId: '7f3a90c1',
      clientId: 'window-2',
    });
    expect(identity).toBe('navaia_7f3a90c1_zoe_o_brien');
    // Another install sharing the Twilio account rings its own agent of the same name, never this one.
    expect(
      softphoneIdentityOf({ name: 'Zoë O’Brien', installId: '0b11e2d4', clientId: 'window-2' }),
    ).not.toBe(identity);
    const now = Date.UTC(2026, 0, 1);
    const minted = mintSoftphoneToken(fakeCredentials, identity, 600, now);
    expect(minted.identity).toBe(identity);
    expect(minted.expiresAt).toBe(now + 600_000);
    const [, payload, signature] = minted.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims.iss).toBe(fakeCredentials.twilio.apiKeySid);
    expect(claims.sub).toBe(fakeCredentials.twilio.accountSid);
    expect(claims.grants).toEqual({
      identity,
      voice: { incoming: { allow: true }, outgoing: { application_sid: fakeCredentials.twilio.twimlAppSid } },
    });
    const [header] = minted.token.split('.');
    const expected = createHmac('sha256', fakeCredentials.twilio.apiKeySecret!)
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });

  it('refuses without an API key, and refuses unsafe identities', () => {
    expect(() => mintSoftphoneToken(withTwilio({ apiKeySid: undefined }), 'navaia_a')).toThrow(
      /needs a Twilio API key/,
    );
    expect(() => mintSoftphoneToken(fakeCredentials, '<Client>evil</Client>')).toThrow(
      /not a valid softphone identity/,
    );
  });
});

describe('webhook signatures', () => {
  const secret = fakeCredentials.elevenlabs.webhookSecret!;
  const body = JSON.stringify({ type: 'post_call_transcription', data: { conversation_id: 'conv_1' } });
  const sign = (t: number, payload = body, key = secret) =>
    `t=${t},v0=${createHmac('sha256', key).update(`${t}.${payload}`).digest('hex')}`;
  const now = Date.now();
  const t = Math.floor(now / 1000);

  it('accepts a correctly signed, recent ElevenLabs webhook', async () => {
    expect(await verifyElevenLabsWebhook(body, sign(t), secret, now)).toEqual({
      ok: true,
      event: JSON.parse(body),
    });
  });

  it('rejects unsigned, wrongly signed, tampered and stale ElevenLabs webhooks', async () => {
    expect(await verifyElevenLabsWebhook(body, undefined, secret, now)).toMatchObject({
      ok: false,
      reason: 'the request is not signed',
    });
    expect((await verifyElevenLabsWebhook(body, sign(t, body, 'other-secret'), secret, now)).ok).toBe(false);
    expect((await verifyElevenLabsWebhook(`${body} `, sign(t), secret, now)).ok).toBe(false);
    const stale = t - 31 * 60;
    expect(await verifyElevenLabsWebhook(body, sign(stale), secret, now)).toEqual({
      ok: false,
      reason: 'the signature is too old',
    });
    expect((await verifyElevenLabsWebhook(body, sign(t - 29 * 60), secret, now)).ok).toBe(true);
  });

  it('checks Twilio request signatures over the URL and form fields', () => {
    const token = fakeCredentials.twilio.authToken!;
    const url = 'https://navaia.example/twilio/status';
    const params = { CallSid: 'CA00000000000000000000000000000001', CallStatus: 'completed' };
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    expect(verifyTwilioRequest(token, signature, url, params)).toBe(true);
    expect(verifyTwilioRequest(token, signature, url, { ...params, CallStatus: 'busy' })).toBe(false);
    expect(verifyTwilioRequest('another-token', signature, url, params)).toBe(false);
    expect(verifyTwilioRequest(token, undefined, url, params)).toBe(false);
  });
});
