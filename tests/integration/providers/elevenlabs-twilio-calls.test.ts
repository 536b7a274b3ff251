import type { ProviderEvent } from '@core/providers/provider';
import { TransientProviderError } from '@core/providers/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCredentials } from '../../fakes/provider-api/credentials';
import { bookedViewing, optOut } from '../../fakes/provider-api/scenarios';
import {
  createProviderRig,
  isFinalStatus,
  type ProviderRig,
  placeRequest,
  saidLines,
  waitFor,
} from './provider-setup';

const request = placeRequest;

const basicAuth = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const isFinal = isFinalStatus;

describe('the elevenlabs-twilio provider against the fake APIs', () => {
  let rig: ProviderRig;
  afterEach(async () => rig.close());

  it('own-twilio: registers the call with ElevenLabs, then creates the Twilio call with its TwiML', async () => {
    rig = await createProviderRig();
    rig.fake.setScenario('+12125550105', bookedViewing());
    const { callId } = await rig.provider.placeCall(request());
    expect(callId).toMatch(/^CA[0-9a-f]{32}$/);

    const [register, create] = rig.fake.requests;
    expect(register.method).toBe('POST');
    expect(register.path).toBe('/v1/convai/twilio/register-call');
    expect(register.headers['xi-api-key']).toBe(fakeCredentials.elevenlabs.apiKey);
    expect(register.body).toEqual({
      agent_id: fakeCredentials.elevenlabs.agentId,
      from_number: '+15005550006',
      to_number: '+12125550105',
      direction: 'outbound',
      conversation_initiation_client_data: {
        conversation_config_override: {
          agent: { first_message: request().firstMessage, prompt: { prompt: request().prompt } },
        },
        dynamic_variables: {
          customer_first_name: 'Dana',
          company_name: 'Navaia Realty',
          budget_max: 450000,
          first_message: request().firstMessage,
          navaia_attempt_id: '7',
          navaia_idempotency_key: 'c1-u42-a1',
          navaia_voicemail_message: request().voicemailMessage,
        },
      },
    });

    expect(create.method).toBe('POST');
    expect(create.path).toBe(`/2010-04-01/Accounts/${fakeCredentials.twilio.accountSid}/Calls.json`);
    // The API key is preferred over the auth token when both are set.
    expect(create.headers.authorization).toBe(
      basicAuth(fakeCredentials.twilio.apiKeySid!, fakeCredentials.twilio.apiKeySecret!),
    );
    expect(create.body).toMatchObject({
      To: '+12125550105',
      From: '+15005550006',
      MachineDetection: 'DetectMessageEnd',
      AsyncAmd: 'true',
      Timeout: '30',
    });
    expect(String(create.body.Twiml)).toContain('<Stream url="wss://api.elevenlabs.io/');
  });

  it('a full conversation becomes ringing → in progress → transcript → analysis → completed', async () => {
    rig = await createProviderRig();
    rig.fake.setScenario('+12125550105', bookedViewing());
    const { callId } = await rig.provider.placeCall(request());
    await waitFor('the call to end', () => rig.events.some(isFinal));

    const kinds = rig.events.map((e) => (e.type === 'status' ? `status:${e.status}` : e.type));
    expect(kinds.filter((k) => k.startsWith('status'))).toEqual([
      'status:ringing',
      'status:in_progress',
      'status:completed',
    ]);
    expect(kinds.indexOf('analysis')).toBe(kinds.indexOf('status:completed') - 1);
    expect(rig.events.every((e) => e.callId === callId && e.attemptId === 7)).toBe(true);
    expect(saidLines(rig.events)).toEqual([
      `ai: ${request().firstMessage}`,
      'customer: Sure, what is it about?',
      'ai: A three-bedroom home just listed in your neighbourhood. Would you like a viewing?',
      'customer: Yes, Saturday morning works for me.',
      'ai: Booked for Saturday at ten. Thank you!',
    ]);
    const analysis = rig.events.find((e) => e.type === 'analysis');
    // Twilio has no price yet when the call ends: it follows as a cost event.
    expect(analysis).toMatchObject({
      disposition: 'booked_viewing',
      converted: true,
      costAi: 0.12,
      costTelephony: 0,
      durationSeconds: 16,
    });
    const completed = rig.events.at(-1) as Extract<ProviderEvent, { type: 'status' }>;
    expect(completed.snapshot).toMatchObject({ status: 'completed', durationSeconds: 16 });
    expect(completed.snapshot?.costTelephony).toBeUndefined();
    await waitFor('the price', () => rig.events.some((e) => e.type === 'cost'), 30_000);
    expect(rig.events.at(-1)).toMatchObject({ type: 'cost', callId, costTelephony: 0.014 });
  });

  it('an opt-out said on the call is a do_not_call_request, whatever the agent collected', async () => {
    rig = await createProviderRig();
    rig.fake.setScenario('+12125550103', optOut);
    await rig.provider.placeCall(request({ to: '+12125550103' }));
    await waitFor('the call to end', () => rig.events.some(isFinal));
    expect(rig.events.find((e) => e.type === 'analysis')).toMatchObject({
      disposition: 'do_not_call_request',
      converted: false,
    });
  });

  it.each([
    ['+12125550100', ['ringing', 'busy']],
    ['+12125550101', ['ringing', 'no_answer']],
    ['+12125550102', ['ringing', 'in_progress', 'voicemail']],
  ])('a call to %s goes %j, with no analysis', async (to, statuses) => {
    rig = await createProviderRig();
    const { callId } = await rig.provider.placeCall(request({ to }));
    await waitFor('the call to end', () => rig.events.some(isFinal));
    expect(rig.events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.status)).toEqual(
      statuses,
    );
    expect(rig.events.some((e) => e.type === 'analysis' || e.type === 'transcript')).toBe(false);
    if (statuses.includes('voicemail')) {
      // A machine gets the campaign's voicemail message, then the line is freed.
      const update = rig.fake.requests.find(
        (r) => r.method === 'POST' && r.path.endsWith(`/Calls/${callId}.json`),
      );
      expect(update?.body).toEqual({
        Twiml: `<?xml version="1.0" encoding="UTF-8"?><Response><Say>${request().voicemailMessage}</Say><Hangup/></Response>`,
      });
    }
  });

  it('native mode: ElevenLabs places the call and names the conversation and the call sid', async () => {
    rig = await createProviderRig({ dialMode: 'native' });
    rig.fake.setScenario('+12125550105', bookedViewing());
    const { callId } = await rig.provider.placeCall(request());
    const [outbound] = rig.fake.requests;
    expect(outbound.path).toBe('/v1/convai/twilio/outbound-call');
    expect(outbound.body).toMatchObject({
      agent_id: fakeCredentials.elevenlabs.agentId,
      agent_phone_number_id: fakeCredentials.elevenlabs.phoneNumberId,
      to_number: '+12125550105',
      conversation_initiation_client_data: {
        dynamic_variables: { customer_first_name: 'Dana', navaia_attempt_id: '7' },
      },
    });
    expect(rig.fake.calls.has(callId)).toBe(true);
    await waitFor('the call to end', () => rig.events.some(isFinal));
    expect(rig.events.find((e) => e.type === 'analysis')).toMatchObject({ disposition: 'booked_viewing' });
    // The conversation was known from the reply: no listing needed to find it.
    expect(rig.fake.requests.some((r) => r.path === '/v1/convai/conversations')).toBe(false);
  });

  it('a 429 with Retry-After becomes a TransientProviderError carrying the delay', async () => {
    rig = await createProviderRig();
    rig.fake.inject({ method: 'POST', path: /Calls\.json$/, kind: 429, retryAfterSeconds: 7 });
    const error = await rig.provider.placeCall(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as TransientProviderError).retryAfterMs).toBe(7_000);

    rig.fake.inject({ method: 'POST', path: /register-call$/, kind: 429, retryAfterSeconds: 3 });
    const fromElevenLabs = await rig.provider
      .placeCall(request({ idempotencyKey: 'k2' }))
      .catch((e: unknown) => e);
    expect(fromElevenLabs).toBeInstanceOf(TransientProviderError);
    expect((fromElevenLabs as TransientProviderError).retryAfterMs).toBe(3_000);
  });

  it('5xx and timeouts are transient; a 401 is not', async () => {
    rig = await createProviderRig();
    rig.fake.inject({ method: 'POST', path: /Calls\.json$/, kind: 503 });
    await expect(rig.provider.placeCall(request({ idempotencyKey: 'a' }))).rejects.toBeInstanceOf(
      TransientProviderError,
    );
    rig.fake.inject({ method: 'POST', path: /register-call$/, kind: 'timeout' });
    await expect(rig.provider.placeCall(request({ idempotencyKey: 'b' }))).rejects.toThrow(
      /did not answer in time/,
    );
    rig.fake.inject({ method: 'POST', path: /register-call$/, kind: 401 });
    const unauthorised = await rig.provider
      .placeCall(request({ idempotencyKey: 'c' }))
      .catch((e: unknown) => e);
    expect(unauthorised).not.toBeInstanceOf(TransientProviderError);
    expect(String(unauthorised)).toMatch(/401/);
  });

  it('polling backs off while nothing changes and honours Retry-After while following a call', async () => {
    rig = await createProviderRig();
    rig.fake.setScenario('+12125550101', { kind: 'no-answer', ringMs: 40_000 });
    const { callId } = await rig.provider.placeCall(request({ to: '+12125550101' }));
    const fetches = () =>
      rig.fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/Calls/${callId}.json`));
    await waitFor('a few polls', () => fetches().length >= 4);
    rig.fake.inject({
      method: 'GET',
      path: new RegExp(`/Calls/${callId}\\.json$`),
      kind: 429,
      retryAfterSeconds: 20,
    });
    await waitFor('the call to end', () => rig.events.some(isFinal), 30_000);
    const times = fetches().map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // While ringing nothing changes: each wait is longer than the first, up to the 4 s ceiling.
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    const limited = fetches().findIndex((r) => r.answeredWith === 429);
    expect(limited).toBeGreaterThan(0);
    expect(times[limited + 1] - times[limited]).toBeGreaterThanOrEqual(20_000);
  });
});
