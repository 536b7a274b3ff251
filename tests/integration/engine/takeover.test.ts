import { runVirtualUntil } from '@core/clock/virtual-clock';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';

describe('manual takeover of an AI call', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('lets one agent take an escalated call, talk to the customer and end it with a disposition', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: true });
    const alice = invoker(h.app, 'client-alice');
    const bob = invoker(h.app, 'client-bob');
    h.startCampaignFor(200, { pacing: { maxConcurrent: 30, maxPerMinute: 200 } });

    const escalated = await h.untilEscalated();
    const attemptId = escalated;

    // Someone who does not hold the call cannot speak on it.
    expect(await bob('calls.say', { attemptId, text: 'Hello?' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    const [first, second] = await Promise.all([
      alice('calls.takeOver', { attemptId, agentName: 'Alice' }),
      bob('calls.takeOver', { attemptId, agentName: 'Bob' }),
    ]);
    expect(first).toMatchObject({
      ok: true,
      result: { state: 'in_progress', mode: 'human', heldBy: 'Alice' },
    });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Alice is already handling this call' },
    });

    expect(
      await alice('calls.say', { attemptId, text: 'Hi, this is Alice. Would Saturday work for a viewing?' }),
    ).toMatchObject({ ok: true });
    await runVirtualUntil(h.clock, h.clock.now() + 10_000);
    expect(
      await alice('calls.say', { attemptId, text: 'How about the price, any questions?' }),
    ).toMatchObject({ ok: true });
    await runVirtualUntil(h.clock, h.clock.now() + 10_000);

    const lines = h.db.$client
      .prepare('select speaker, text from transcripts where attempt_id = ? order by seq')
      .all(attemptId) as { speaker: string; text: string }[];
    const afterTakeover = lines.slice(lines.findIndex((l) => l.text === 'Alice took over the call'));
    expect(afterTakeover.map((l) => l.speaker)).toEqual(['system', 'agent', 'customer', 'agent', 'customer']);

    expect(await alice('calls.end', { attemptId, disposition: 'booked_viewing', notes: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const ended = await alice('calls.end', {
      attemptId,
      disposition: 'booked_viewing',
      notes: 'Booked Saturday 10:00',
    });
    expect(ended).toMatchObject({ ok: true });
    await runVirtualUntil(h.clock, h.clock.now() + 1000);
    const attempt = h.db.$client
      .prepare('select state, disposition, held_by as heldBy, escalated from call_attempts where id = ?')
      .get(attemptId);
    expect(attempt).toEqual({
      state: 'completed',
      disposition: 'booked_viewing',
      heldBy: 'Alice',
      escalated: 1,
    });
    expect(
      h.db.$client
        .prepare('select notes, decided_by as by, converted from dispositions where attempt_id = ?')
        .get(attemptId),
    ).toEqual({
      notes: 'Booked Saturday 10:00',
      by: 'Alice',
      converted: 1,
    });
  });

  it('ends a call only with an outcome of the campaign’s objective: an upsell call cannot book a viewing', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: false });
    const alice = invoker(h.app, 'client-alice');
    const campaignId = h.startCampaignFor(200, {
      objective: 'upsell',
      pacing: { maxConcurrent: 30, maxPerMinute: 200 },
    });
    // Created without a goal, it converts on its own success.
    const goal = h.db.$client
      .prepare('select goal from campaigns where id = ?')
      .pluck()
      .get(campaignId) as string;
    expect(JSON.parse(goal).conversionDispositions).toEqual(['upsell_accepted']);

    const attemptId = await h.untilEscalated();
    expect(await alice('calls.takeOver', { attemptId, agentName: 'Alice' })).toMatchObject({ ok: true });
    const wrong = await alice('calls.end', { attemptId, disposition: 'booked_viewing', notes: 'oops' });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'disposition' }],
        message:
          '“Booked a viewing” is not an outcome of this campaign: choose one of Accepted the offer, Interested, Wants a call back, Not interested, Wrong number, Asked not to be called again, No decision yet',
      },
    });
    // The call is still the agent's to end properly.
    expect(
      await alice('calls.end', { attemptId, disposition: 'upsell_accepted', notes: 'Signed up' }),
    ).toMatchObject({
      ok: true,
      result: { disposition: 'upsell_accepted' },
    });
  });
});
