import { runVirtualUntil } from '@core/clock/virtual-clock';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';

describe('a customer who asks for a person, on the simulator', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('waits for an agent as long as Settings say, with the AI keeping them company, then is offered a callback', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: true, seed: 3 });
    const call = invoker(h.app);
    expect(await call('settings.update', { escalationWaitSeconds: 90 })).toMatchObject({ ok: true });
    h.startCampaignFor(200, { pacing: { maxConcurrent: 30, maxPerMinute: 200 } });

    const attemptId = await h.untilEscalated();
    // Nobody takes it. While it waits, it is shown as wanting a person.
    await runVirtualUntil(h.clock, h.clock.now() + 60_000);
    expect(await call('calls.active', { escalatedOnly: true })).toMatchObject({
      ok: true,
      result: expect.arrayContaining([expect.objectContaining({ attemptId, state: 'escalated' })]),
    });
    await runVirtualUntil(h.clock, h.clock.now() + 5 * 60_000);

    const moves = h.db.$client
      .prepare(`select at, from_state as "from", to_state as "to" from call_events
        where attempt_id = ? and type = 'state' order by id`)
      .all(attemptId) as { at: number; from: string; to: string }[];
    const escalated = moves.find((m) => m.to === 'escalated')!;
    const released = moves.find((m) => m.from === 'escalated')!;
    // The escalation ends on its own — back to the AI — after the wait (and the hold line before it).
    expect(released.to).toBe('in_progress');
    const waitedSeconds = (released.at - escalated.at) / 1000;
    expect(waitedSeconds).toBeGreaterThanOrEqual(90);
    expect(waitedSeconds).toBeLessThan(100);
    expect(moves.at(-1)?.to).toBe('completed');

    const lines = h.db.$client
      .prepare('select at, speaker, text from transcripts where attempt_id = ? order by seq')
      .all(attemptId) as { at: number; speaker: string; text: string }[];
    const during = lines.filter((l) => l.at >= escalated.at && l.at < released.at);
    // The hold line, then the AI (and the customer) talking every ~15 s: never 90 s of silence.
    expect(during[0].text).toMatch(/let me bring in a colleague/);
    expect(during.filter((l) => l.speaker === 'ai').length).toBeGreaterThanOrEqual(3);
    const gaps = during.slice(1).map((l, i) => l.at - during[i].at);
    expect(Math.max(...gaps, released.at - during.at(-1)!.at)).toBeLessThanOrEqual(25_000);
    // Only after the wait is the callback offered, and it is what the call ends with.
    const offer = lines.findIndex((l) => /call you back/.test(l.text));
    expect(lines[offer].at).toBeGreaterThanOrEqual(released.at);
    expect(lines.some((l) => /could not reach a colleague/.test(l.text))).toBe(false);
    expect(
      h.db.$client.prepare('select state, disposition from call_attempts where id = ?').get(attemptId),
    ).toEqual({ state: 'completed', disposition: 'callback_requested' });
  });
});
