import { type ElevenLabsTwilioConfig, testConnection } from '@core/providers/elevenlabs-twilio';
import type { ProviderEvent } from '@core/providers/provider';
import { describe, expect, it } from 'vitest';
import { fakeBareAgentId, fakeCampaignAgentId, fakeCredentials } from '../../fakes/provider-api/credentials';
import { deepMerge } from '../../fakes/provider-api/fake-agents';
import { bookedViewing, wantsPerson } from '../../fakes/provider-api/scenarios';
import { startFakeProviderApi } from '../../fakes/provider-api/server';
import { isFinalStatus, placeRequest, providerRigPerTest, saidLines, waitFor } from './provider-setup';

const campaignFirstMessage = placeRequest().firstMessage;

/** Test connection with `config` against a fake of its own. */
async function testConnectionOnFake(config: ElevenLabsTwilioConfig) {
  const fake = await startFakeProviderApi();
  try {
    return await testConnection(config, { elevenlabsBaseUrl: fake.url, twilioBaseUrl: fake.url });
  } finally {
    await fake.close();
  }
}
const statusEvents = (events: ProviderEvent[]) =>
  events.filter((e): e is Extract<ProviderEvent, { type: 'status' }> => e.type === 'status');

describe('real calls behave as the real APIs do (the fake is written from their SDKs and docs)', () => {
  const startRig = providerRigPerTest();

  it('1. the first message and the instructions reach the agent as a conversation override, and the agent says them', async () => {
    const rig = await startRig();
    rig.fake.setScenario('+12125550105', bookedViewing());
    await rig.provider.placeCall(placeRequest());
    const register = rig.fake.requests.find((r) => r.path === '/v1/convai/twilio/register-call');
    expect(register?.body.conversation_initiation_client_data).toMatchObject({
      conversation_config_override: {
        agent: { first_message: campaignFirstMessage, prompt: { prompt: placeRequest().prompt } },
      },
    });
    const events = rig.events;
    await waitFor('the call to end', () => events.some(isFinalStatus));
    await waitFor('the transcript', () => saidLines(events).length > 0);
    // The agent in the dashboard has its own first message; the campaign's is what the customer hears.
    expect(saidLines(events)[0]).toBe(`ai: ${campaignFirstMessage}`);
    const [conversation] = rig.fake.conversations.values();
    expect(conversation.prompt).toBe(placeRequest().prompt);
  });

  it('1. Test connection refuses an agent that would ignore the overrides or cannot take register-call audio, naming the settings', async () => {
    const report = await testConnectionOnFake({
      ...fakeCredentials,
      elevenlabs: { ...fakeCredentials.elevenlabs, agentId: fakeBareAgentId },
    });
    expect(report.elevenlabs.ok).toBe(false);
    expect(report.elevenlabs.message).toContain('First message');
    expect(report.elevenlabs.message).toContain('System prompt');
    expect(report.elevenlabs.message).toContain('μ-law 8000 Hz');
  });

  it('2. a campaign with its own agent finds its conversation through that agent, matched by the attempt id as text', async () => {
    const rig = await startRig();
    rig.fake.setScenario('+12125550105', bookedViewing());
    await rig.provider.placeCall(placeRequest({ agentId: fakeCampaignAgentId }));
    const register = rig.fake.requests.find((r) => r.path === '/v1/convai/twilio/register-call');
    expect(register?.body.agent_id).toBe(fakeCampaignAgentId);
    const variables = (register!.body.conversation_initiation_client_data as { dynamic_variables: object })
      .dynamic_variables;
    expect(variables).toMatchObject({ navaia_attempt_id: '7' });
    const events = rig.events;
    await waitFor('the analysis', () => events.some((e) => e.type === 'analysis'), 30_000);
    expect(events.find((e) => e.type === 'analysis')).toMatchObject({ disposition: 'booked_viewing' });
    const listings = rig.fake.requests.filter((r) => r.path === '/v1/convai/conversations');
    expect(listings.every((r) => r.query.get('agent_id') === fakeCampaignAgentId)).toBe(true);
  });

  it('3. Test connection accepts a standard API key, checking the caller numbers instead of the account', async () => {
    const report = await testConnectionOnFake({
      ...fakeCredentials,
      twilio: { ...fakeCredentials.twilio, authToken: undefined },
    });
    expect(report.twilio).toEqual({
      ok: true,
      message: 'The Twilio API key works and the account owns 2 caller numbers',
    });
  });

  it('4. talk time starts when the customer answers (not when dialling started), and the price arrives after the call', async () => {
    const rig = await startRig();
    rig.fake.setScenario('+12125550105', bookedViewing());
    const { callId } = await rig.provider.placeCall(placeRequest());
    const dialStarted = rig.fake.calls.get(callId)!.createdAt + 300;
    const answeredAt = rig.fake.calls.get(callId)!.createdAt + 4_000;
    const events = rig.events;
    await waitFor('the call to end', () => events.some(isFinalStatus));
    const completed = statusEvents(events).find((e) => e.status === 'completed');
    // Twilio reports whole seconds: the answer is known to the second, and is not the dialling start.
    expect(completed?.snapshot?.answeredAt).not.toBe(Math.floor(dialStarted / 1000) * 1000);
    expect(Math.abs((completed?.snapshot?.answeredAt ?? 0) - answeredAt)).toBeLessThan(1_000);
    // The first message at 0.5 s … the last line at 15 s, then the agent hangs up a second later.
    expect(completed?.snapshot?.durationSeconds).toBe(16);
    await waitFor('the price', () => events.some((e) => e.type === 'cost'), 30_000);
    expect(events.find((e) => e.type === 'cost')).toMatchObject({ costTelephony: 0.014 });
  });

  it('5. without a public URL a request for a person is seen only after the call, and an agent-to-agent transfer is no escalation', async () => {
    const rig = await startRig();
    rig.fake.setScenario('+12125550114', wantsPerson(10_000));
    rig.fake.setScenario('+12125550115', {
      ...bookedViewing(),
      turns: [
        { role: 'user', message: 'Do you do rentals too?', atMs: 3_000 },
        {
          role: 'agent',
          message: 'Let me pass you to our rentals assistant.',
          atMs: 5_000,
          toolCall: { name: 'transfer_to_agent', params: { agent_number: 1 } },
        },
      ],
    });
    await rig.provider.placeCall(placeRequest({ to: '+12125550114' }));
    await rig.provider.placeCall(placeRequest({ to: '+12125550115', attemptId: 8, idempotencyKey: 'k8' }));
    const events = rig.events;
    await waitFor('both calls to end', () => events.filter(isFinalStatus).length === 2, 30_000);
    await waitFor('the analyses', () => events.filter((e) => e.type === 'analysis').length === 2, 30_000);
    expect(events.some((e) => e.type === 'escalation')).toBe(false);
    const notes = events.filter((e) => e.type === 'note');
    expect(notes).toEqual([expect.objectContaining({ attemptId: 7, kind: 'human_requested' })]);
  });

  it('6. answering-machine detection runs in the background: a person hears the agent at once, a machine gets the voicemail message', async () => {
    const rig = await startRig();
    rig.fake.setScenario('+12125550105', bookedViewing());
    rig.fake.setScenario('+12125550102', { kind: 'voicemail', ringMs: 5_000 });
    const person = await rig.provider.placeCall(placeRequest());
    const machine = await rig.provider.placeCall(
      placeRequest({ to: '+12125550102', attemptId: 8, idempotencyKey: 'k8' }),
    );
    const create = rig.fake.requests.find((r) => r.path.endsWith('/Calls.json') && r.method === 'POST');
    expect(create?.body).toMatchObject({ MachineDetection: 'DetectMessageEnd', AsyncAmd: 'true' });
    const events = rig.events;
    await waitFor('both calls to end', () => events.filter(isFinalStatus).length === 2, 30_000);
    const personCall = rig.fake.calls.get(person.callId)!;
    expect(personCall.conversations[0].startAt).toBe(personCall.createdAt + 4_000);

    const final = statusEvents(events).find((e) => e.callId === machine.callId && isFinalStatus(e));
    expect(final?.status).toBe('voicemail');
    const machineCall = rig.fake.calls.get(machine.callId)!;
    const said = machineCall.activities.flatMap((a) => (a.kind === 'say' ? [a.text] : []));
    expect(said).toEqual([placeRequest().voicemailMessage]);
    // The message was played to the end before the line was freed (the machine did not hang up first).
    const message = machineCall.activities.find((a) => a.kind === 'say')!;
    expect(machineCall.endedAt).toBe(message.endAt);
    expect(events.find((e) => e.type === 'note' && e.callId === machine.callId)).toMatchObject({
      kind: 'voicemail_left',
      data: { message: placeRequest().voicemailMessage },
    });
  });

  it('8. native mode follows the call through ElevenLabs, turns on its machine detection, and refuses a takeover with the reason', async () => {
    const rig = await startRig({ dialMode: 'native' });
    rig.fake.setScenario('+12125550105', bookedViewing());
    const { callId } = await rig.provider.placeCall(placeRequest());
    const [outbound] = rig.fake.requests;
    expect(outbound.body).toMatchObject({
      telephony_call_config: { twilio_machine_detection: { mode: 'detect_message_end' } },
      conversation_initiation_client_data: {
        conversation_config_override: { agent: { first_message: campaignFirstMessage } },
      },
    });
    const events = rig.events;
    await waitFor('the answer', () => statusEvents(events).some((e) => e.status === 'in_progress'), 30_000);
    await expect(rig.provider.takeOver(callId, { name: 'Alice', clientId: 'c1' })).rejects.toThrow(
      /ElevenLabs places the call/,
    );
    await waitFor('the call to end', () => events.some(isFinalStatus), 30_000);
    expect(statusEvents(events).at(-1)?.status).toBe('completed');
    expect(events.find((e) => e.type === 'analysis')).toMatchObject({ disposition: 'booked_viewing' });
    // The call lives in the Twilio account of the number imported into ElevenLabs: never asked of ours.
    expect(rig.fake.requests.some((r) => r.path.includes(`/Calls/${callId}`))).toBe(false);
  });

  it('8. native mode: a machine gets the campaign’s voicemail message through ElevenLabs’ voicemail tool', async () => {
    const rig = await startRig({ dialMode: 'native' });
    const agentId = fakeCredentials.elevenlabs.agentId;
    rig.fake.agents.set(
      agentId,
      deepMerge(rig.fake.agents.get(agentId)!, {
        conversation_config: {
          agent: {
            prompt: {
              built_in_tools: {
                voicemail_detection: {
                  name: 'voicemail_detection',
                  description: '',
                  params: {
                    system_tool_type: 'voicemail_detection',
                    voicemail_message: '{{navaia_voicemail_message}}',
                  },
                },
              },
            },
          },
        },
      }),
    );
    rig.fake.setScenario('+12125550102', { kind: 'voicemail', ringMs: 5_000 });
    const { callId } = await rig.provider.placeCall(placeRequest({ to: '+12125550102' }));
    const events = rig.events;
    await waitFor('the call to end', () => events.some(isFinalStatus), 30_000);
    expect(statusEvents(events).at(-1)?.status).toBe('voicemail');
    expect(events.find((e) => e.type === 'note' && e.callId === callId)).toMatchObject({
      kind: 'voicemail_left',
      data: { message: placeRequest().voicemailMessage },
    });
  });
});
