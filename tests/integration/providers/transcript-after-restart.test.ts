import { describe, expect, it } from 'vitest';
import { viewConversation } from '../../fakes/provider-api/fake-calls';
import { bookedViewing, conversationTurns } from '../../fakes/provider-api/scenarios';
import { campaignStatus } from './campaign-app';
import { realProviderAppPerTest, waitFor } from './provider-setup';

describe('a real call that ends while the app is down', () => {
  const real = realProviderAppPerTest();

  it('keeps the lines said while it was down, once each, in order, without reopening the call', async () => {
    // First run: the call is answered; then the app stops (ElevenLabs writes no transcript until the end).
    const first = await real.start([{ name: 'Wren', phone: '+12125550105' }], {
      scenario: () => bookedViewing(),
    });
    const { clock, fake, campaignId: id } = first;
    const storedLines = (db = first.db) =>
      db.$client.prepare('select count(*) from transcripts').pluck().get() as number;
    await waitFor('the answer', () =>
      Boolean(first.db.$client.prepare("select 1 from call_attempts where state = 'in_progress'").get()),
    );
    await real.stopApp();

    // The conversation goes on without Navaia, ends, and ElevenLabs analyses it.
    const [call] = [...fake.calls.values()];
    await waitFor('the call to end and be analysed', () =>
      call.conversations.every((c) => viewConversation(c, clock.now()).status === 'done'),
    );

    // Second run on the same database file: reconciliation closes the call, its last lines follow.
    const { db } = await real.restartApp();
    await waitFor('the campaign to complete', () => campaignStatus(db, id) === 'completed');
    await waitFor('every line', () => storedLines(db) >= 5);
    await waitFor('the analysis', () =>
      Boolean(db.$client.prepare('select disposition from call_attempts').pluck().get()),
    );

    const lines = db.$client.prepare('select seq, at, speaker, text from transcripts order by seq').all() as {
      seq: number;
      at: number;
      speaker: string;
      text: string;
    }[];
    const [conversation] = call.conversations;
    expect(lines.map((l) => [l.speaker, l.text])).toEqual(
      conversation.turns.map((t) => [t.role === 'user' ? 'customer' : 'ai', t.message]),
    );
    expect(lines[1]).toMatchObject({ speaker: 'customer', text: conversationTurns()[0].message });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    // Each line keeps when it was said (the conversation's start plus its time in the call).
    const startSecond = Math.floor(conversation.startAt! / 1000) * 1000;
    expect(lines.map((l) => l.at)).toEqual(
      conversation.turns.map((t) => startSecond + Math.round(t.atMs / 1000) * 1000),
    );

    const attempt = db.$client.prepare('select id, state, disposition from call_attempts').get() as {
      id: number;
      state: string;
      disposition: string;
    };
    expect(attempt).toMatchObject({ state: 'completed', disposition: 'booked_viewing' });
    // Reconciliation made the one final move; the lines and analysis read afterwards changed no state.
    const history = db.$client
      .prepare('select type, to_state as toState from call_events where attempt_id = ? order by id')
      .all(attempt.id) as { type: string; toState: string | null }[];
    const reconciledAt = history.findIndex((e) => e.type === 'reconciled');
    expect(reconciledAt).toBeGreaterThan(0);
    expect(history.slice(reconciledAt).filter((e) => e.type === 'state')).toEqual([
      { type: 'state', toState: 'completed' },
    ]);
  }, 60_000);
});
