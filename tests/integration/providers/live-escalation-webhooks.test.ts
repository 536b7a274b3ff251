import { testConnection } from '@core/providers/elevenlabs-twilio';
import type { ProviderEvent } from '@core/providers/provider';
import { describe, expect, it } from 'vitest';
import { bookedViewing, wantsPerson } from '../../fakes/provider-api/scenarios';
import {
  isFinalStatus,
  type ProviderRig,
  placeRequest,
  providerRigPerTest,
  saidLines,
  waitFor,
} from './provider-setup';

const alice = { name: 'Alice Martin', clientId: 'window-1', installId: 'inst4f2a' };
const aliceIdentity = 'navaia_inst4f2a_alice_martin';
const escalations = (events: ProviderEvent[]) =>
  events.filter((e): e is Extract<ProviderEvent, { type: 'escalation' }> => e.type === 'escalation');
const toolPushes = (rig: ProviderRig) => rig.fake.pushes.filter((p) => p.label === 'tool:request_human');

describe('live escalation, voicemail drop and takeover through the vendors’ webhooks (against the fake)', () => {
  const startRig = providerRigPerTest();

  it('5. the agent’s request_human tool reaches Navaia during the call: an escalation within a second, with reason and urgency', async () => {
    const rig = await startRig({ webhooks: true, speed: 4 });
    rig.fake.setScenario('+12125550114', wantsPerson());
    const { callId } = await rig.provider.placeCall(placeRequest({ to: '+12125550114' }));
    const events = rig.events;
    await waitFor('the escalation', () => escalations(events).length > 0, 20_000);
    const [escalation] = escalations(events);
    expect(escalation).toMatchObject({
      callId,
      attemptId: 7,
      reason: 'Wants to negotiate the price with a person',
      urgency: 'high',
    });
    const conversation = [...rig.fake.conversations.values()][0];
    const toolCalledAt = conversation.startAt! + 6_000;
    expect(escalation.at - toolCalledAt).toBeLessThan(1_000);
    // Live: the call is still going, and no transcript has been written yet.
    expect(events.some(isFinalStatus)).toBe(false);
    await waitFor('the tool’s answer', () => toolPushes(rig!)[0]?.status !== undefined);
    expect(toolPushes(rig)[0].status).toBe(200);
  });

  it('Set up the agent leaves every checklist item ready', async () => {
    const rig = await startRig({ webhooks: true });
    const report = await testConnection(rig.config, {
      elevenlabsBaseUrl: rig.fake.url,
      twilioBaseUrl: rig.fake.url,
    });
    expect(report.agentSetup.filter((c) => !c.ok)).toEqual([]);
    expect(report.agentSetup.map((c) => c.item)).toEqual([
      'overrides',
      'audio',
      'public_url',
      'tools',
      'post_call_webhook',
    ]);
  });

  it('5. a tool call replayed, forged or stale changes nothing', async () => {
    const rig = await startRig({ webhooks: true });
    rig.fake.setScenario('+12125550114', wantsPerson());
    await rig.provider.placeCall(placeRequest({ to: '+12125550114' }));
    const events = rig.events;
    await waitFor('the escalation', () => escalations(events).length > 0, 20_000);
    const [original] = toolPushes(rig);
    const request = rig.fake.requests.find((r) => r.path === '/v1/convai/tools' && r.method === 'POST');
    expect(request).toBeDefined();
    const post = (headers: Record<string, string>, body: string) =>
      fetch(original.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const token = ([...rig.fake.registrations.values()][0]?.dynamicVariables.secret__navaia_tool_token ??
      '') as string;
    expect(token).not.toBe('');
    const replay = await post({ 'x-navaia-tool-token': token }, original.body);
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('delivered before');
    const forged = await post({ 'x-navaia-tool-token': 'guess' }, original.body);
    expect(forged.status).toBe(403);
    const body = JSON.parse(original.body) as Record<string, unknown>;
    const stale = await post(
      { 'x-navaia-tool-token': token },
      JSON.stringify({ ...body, sent_at: new Date(rig.clock.now() - 30 * 60_000).toISOString() }),
    );
    expect(stale.status).toBe(403);
    expect(escalations(events)).toHaveLength(1);
  });

  it('ElevenLabs’ post-call events are accepted when signed, refused when replayed, and end a native call that never connected at once', async () => {
    const rig = await startRig({ webhooks: true, dialMode: 'native', speed: 4 });
    rig.fake.setScenario('+12125550100', { kind: 'busy', ringMs: 3_000 });
    rig.fake.setScenario('+12125550105', bookedViewing());
    await rig.provider.placeCall(placeRequest({ to: '+12125550100' }));
    await rig.provider.placeCall(placeRequest({ to: '+12125550105', attemptId: 8, idempotencyKey: 'k8' }));
    const events = rig.events;
    await waitFor('both calls to end', () => events.filter(isFinalStatus).length === 2, 30_000);
    const busy = events.find((e) => isFinalStatus(e) && e.attemptId === 7);
    expect(busy).toMatchObject({ status: 'busy' });
    const failure = rig.fake.pushes.find((p) => p.label === 'elevenlabs:call_initiation_failure');
    expect(failure?.status).toBe(200);
    // Told by the event, not found on a later poll: the busy call ends within a second of it.
    expect(busy!.at - failure!.at).toBeLessThan(1_000);
    await waitFor('the post-call event', () =>
      rig.fake.pushes.some((p) => p.label === 'elevenlabs:post_call_transcription' && p.status !== undefined),
    );
    const postCall = rig.fake.pushes.find((p) => p.label === 'elevenlabs:post_call_transcription')!;
    expect(postCall.status).toBe(200);
    const replay = await fetch(postCall.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'elevenlabs-signature': postCall.signature ?? '' },
      body: postCall.body,
    });
    expect(replay.status).toBe(403);
  });

  it('6. with a public URL the answering-machine verdict comes as a callback and the voicemail is left at the beep', async () => {
    const rig = await startRig({ webhooks: true, speed: 4 });
    rig.fake.setScenario('+12125550102', { kind: 'voicemail', ringMs: 5_000 });
    const { callId } = await rig.provider.placeCall(placeRequest({ to: '+12125550102' }));
    const create = rig.fake.requests.find((r) => r.path.endsWith('/Calls.json') && r.method === 'POST');
    expect(String(create?.body.AsyncAmdStatusCallback)).toMatch(
      new RegExp(`^${rig.publicUrl}/webhooks/twilio/amd\\?attempt=7&exp=\\d+$`),
    );
    const events = rig.events;
    await waitFor('the call to end', () => events.some(isFinalStatus), 30_000);
    const call = rig.fake.calls.get(callId)!;
    const message = call.activities.find((a) => a.kind === 'say');
    expect(message).toMatchObject({ text: placeRequest().voicemailMessage });
    // The beep is 6 s after the answer: the message starts as Twilio's callback arrives, not a poll later.
    expect(message!.at - (call.createdAt + 5_000 + 6_000)).toBeLessThan(1_000);
    expect(events.filter(isFinalStatus).map((e) => e.type === 'status' && e.status)).toEqual(['voicemail']);
  });

  it('7. a takeover plays a hold line, rings the agent’s own identity (recorded), and when nobody answers the customer goes back to the AI with a summary', async () => {
    const rig = await startRig({ webhooks: true, fake: { softphoneAnswers: () => false } });
    rig.fake.setScenario('+12125550114', wantsPerson());
    const { callId } = await rig.provider.placeCall(placeRequest({ to: '+12125550114' }));
    const events = rig.events;
    await waitFor('the escalation', () => escalations(events).length > 0, 20_000);
    expect(await rig.provider.takeOver(callId, alice)).toEqual({
      kind: 'softphone',
      identity: aliceIdentity,
    });
    const call = rig.fake.calls.get(callId)!;
    const twiml = call.updates[0].twiml ?? '';
    expect(twiml).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?><Response><Say>Please hold for a moment while I connect you with a colleague.</Say><Dial timeout="20" action="${rig.publicUrl}/webhooks/twilio/dial-ended\\?attempt=7&amp;exp=\\d+" method="POST" record="record-from-answer-dual"><Client>${aliceIdentity}</Client></Dial></Response>$`,
      ),
    );
    await waitFor(
      'the customer back with the AI',
      () => events.some((e) => e.type === 'returned_to_ai'),
      30_000,
    );
    expect(call.endedAt).toBeUndefined();
    const [, fallback] = rig.fake.requests.filter((r) => r.path === '/v1/convai/twilio/register-call');
    const override = (
      fallback.body.conversation_initiation_client_data as {
        conversation_config_override: { agent: { first_message: string; prompt: { prompt: string } } };
      }
    ).conversation_config_override.agent;
    expect(override.first_message).toMatch(/my colleague is not free right now/);
    expect(override.prompt.prompt).toContain(placeRequest().prompt);
    expect(override.prompt.prompt).toContain(
      'The customer asked for a person: Wants to negotiate the price with a person.',
    );
    expect(override.prompt.prompt).toContain('Alice Martin could not take the call (no-answer)');
    const dialAction = () => rig.fake.pushes.find((p) => p.label === 'twilio:dial-action');
    await waitFor('Twilio to get the answer to its dial action', () => dialAction()?.response !== undefined);
    const dialEnded = dialAction()!;
    expect(dialEnded.response).toContain(
      '<Say>I am sorry, my colleague could not come to the phone.</Say><Connect>',
    );
    // The new conversation finishes the call: the customer was never hung up on.
    await waitFor('the call to end', () => events.some(isFinalStatus), 30_000);
    expect(saidLines(events)).toContain('customer: Great, that answers my question.');
    expect(call.activities.map((a) => a.kind)).toEqual(['stream', 'say', 'dial', 'say', 'stream']);
  }, 60_000);

  it('7. without a public URL the fallback is in the TwiML itself, and Navaia sees the customer back with the AI by polling', async () => {
    const rig = await startRig({ fake: { softphoneAnswers: () => false } });
    rig.fake.setScenario('+12125550105', bookedViewing());
    const { callId } = await rig.provider.placeCall(placeRequest());
    const events = rig.events;
    await waitFor(
      'the answer',
      () => events.some((e) => e.type === 'status' && e.status === 'in_progress'),
      20_000,
    );
    await rig.provider.takeOver(callId, alice);
    const twiml = rig.fake.calls.get(callId)!.updates[0].twiml ?? '';
    expect(twiml).toContain(
      `<Dial timeout="20" record="record-from-answer-dual"><Client>${aliceIdentity}</Client></Dial>`,
    );
    expect(twiml).toMatch(
      /<\/Dial><Say>I am sorry, my colleague could not come to the phone.<\/Say><Connect><Stream /,
    );
    await waitFor(
      'the customer back with the AI',
      () => events.some((e) => e.type === 'returned_to_ai'),
      30_000,
    );
    await waitFor('the call to end', () => events.some(isFinalStatus), 30_000);
    expect(rig.fake.calls.get(callId)!.activities.map((a) => a.kind)).toEqual([
      'stream',
      'say',
      'dial',
      'say',
      'stream',
    ]);
  }, 60_000);

  it('7. a hand-back tells the new conversation what was said and why the agent handed back', async () => {
    const rig = await startRig({ webhooks: true });
    rig.fake.setScenario('+12125550114', wantsPerson());
    const { callId } = await rig.provider.placeCall(placeRequest({ to: '+12125550114' }));
    const events = rig.events;
    await waitFor('the escalation', () => escalations(events).length > 0, 20_000);
    await rig.provider.takeOver(callId, alice);
    await waitFor(
      'the first conversation’s analysis',
      () => [...rig.fake.conversations.values()][0].endAt! + 3_000 < rig.clock.now(),
    );
    await rig.provider.handBack(callId, 'She wants the price confirmed by email');
    const [, resumed] = rig.fake.requests.filter((r) => r.path === '/v1/convai/twilio/register-call');
    const agent = (
      resumed.body.conversation_initiation_client_data as {
        conversation_config_override: { agent: { first_message: string; prompt: { prompt: string } } };
      }
    ).conversation_config_override.agent;
    expect(agent.first_message).toBe('Thanks for holding — I am back with you.');
    expect(agent.prompt.prompt).toMatch(/The agent spoke with the customer for \d+ seconds\./);
    expect(agent.prompt.prompt).toContain(
      'Alice Martin handed the call back: She wants the price confirmed by email',
    );
    await waitFor('the call to end', () => events.some(isFinalStatus), 30_000);
  }, 60_000);
});
