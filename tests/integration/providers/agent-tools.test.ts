import { spokenWait } from '@core/providers/elevenlabs-twilio/tool-calls';
import type { ProviderEvent } from '@core/providers/provider';
import { describe, expect, it } from 'vitest';
import type { ConversationScenario } from '../../fakes/provider-api/scenarios';
import { wantsPerson } from '../../fakes/provider-api/scenarios';
import { placeRequest, providerRigPerTest, waitFor } from './provider-setup';

const notes = (events: ProviderEvent[]) =>
  events.filter((e): e is Extract<ProviderEvent, { type: 'note' }> => e.type === 'note');

/** The agent books a viewing and, for the spouse, schedules a call back: both through Navaia's tools. */
const viewingAndCallback = (): ConversationScenario => ({
  kind: 'conversation',
  ringMs: 3_000,
  analysisMs: 2_000,
  costFiat: 0.1,
  callSuccessful: 'success',
  disposition: 'booked_viewing',
  turns: [
    { role: 'user', message: 'Saturday at ten works. Call my wife tomorrow at five too.', atMs: 4_000 },
    {
      role: 'agent',
      message: 'Booked for Saturday at ten.',
      atMs: 6_000,
      toolCall: {
        name: 'book_viewing',
        params: { property: '12 Palm Row', preferred_time: 'Saturday 10:00', notes: 'Bring the floor plan' },
      },
    },
    {
      role: 'agent',
      message: 'And we will call back tomorrow at five.',
      atMs: 9_000,
      toolCall: {
        name: 'schedule_callback',
        params: { callback_time: 'tomorrow 17:00', reason: 'Talk to his wife' },
      },
    },
    { role: 'agent', message: 'Thank you, goodbye!', atMs: 12_000 },
  ],
});

describe('the agent’s tools during a real call (against the fake)', () => {
  const startRig = providerRigPerTest();

  it('book_viewing and schedule_callback reach Navaia during the call as notes with every detail the agent gave', async () => {
    const rig = await startRig({ webhooks: true, speed: 4 });
    rig.fake.setScenario('+12125550126', viewingAndCallback());
    const { callId } = await rig.provider.placeCall(placeRequest({ to: '+12125550126' }));
    await waitFor('both tool calls', () => notes(rig.events).length >= 2, 20_000);
    const [viewing, callback] = notes(rig.events);
    expect(viewing).toMatchObject({
      callId,
      attemptId: 7,
      kind: 'viewing_requested',
      data: { property: '12 Palm Row', preferredTime: 'Saturday 10:00', notes: 'Bring the floor plan' },
      line: 'The AI asked to book a viewing: Saturday 10:00, 12 Palm Row',
    });
    expect(callback).toMatchObject({
      callId,
      kind: 'callback_requested',
      data: { callbackTime: 'tomorrow 17:00', reason: 'Talk to his wife' },
    });
    const pushes = rig.fake.pushes.filter((p) => p.label.startsWith('tool:'));
    await waitFor('the tools’ answers', () => pushes.every((p) => p.status !== undefined));
    expect(pushes.map((p) => [p.label, p.status])).toEqual([
      ['tool:book_viewing', 200],
      ['tool:schedule_callback', 200],
    ]);
  });

  it('request_human tells the agent how long Settings say to wait for a person before offering a call back', async () => {
    const rig = await startRig({ webhooks: true, speed: 4, escalationWaitSeconds: 90 });
    rig.fake.setScenario('+12125550114', wantsPerson());
    await rig.provider.placeCall(placeRequest({ to: '+12125550114' }));
    const push = () => rig.fake.pushes.find((p) => p.label === 'tool:request_human');
    await waitFor('the tool’s answer', () => push()?.response !== undefined, 20_000);
    expect(push()?.status).toBe(200);
    expect(JSON.parse(push()?.response ?? '{}').message).toContain(
      'If nobody joins within 90 seconds, offer a call back.',
    );
  });

  it('says the wait as a person would', () => {
    expect([30, 60, 90, 120, 150, 300].map(spokenWait)).toEqual([
      '30 seconds',
      'a minute',
      '90 seconds',
      '2 minutes',
      '150 seconds',
      '5 minutes',
    ]);
  });
});
