import type { Db } from '@core/db/open';
import { installIdOf } from '@core/settings/install-id';
import { describe, expect, it } from 'vitest';
import type { FakeCall } from '../../fakes/provider-api/fake-calls';
import { invoker } from '../../helpers/invoke';
import { realProviderAppPerTest, waitFor } from './provider-setup';

// The fake's scenario for a number ending in 4: the customer asks for a person and the agent calls
// request_human, which reaches the app's webhook receiver (the test gives it a public URL).
const wantsHuman = '+12125550114';

describe('an agent takes over a real call, against the fake Twilio + ElevenLabs API', () => {
  const real = realProviderAppPerTest();

  /** A one-customer campaign whose call has been escalated by the AI. */
  const escalatedCall = async (softphoneAnswers = true) => {
    const { app, db } = await real.start(
      [{ name: 'Esme', phone: wantsHuman }],
      { softphoneAnswers: () => softphoneAnswers },
      { webhooks: true },
    );
    const attempt = () =>
      db.$client
        .prepare('select id, state, mode, held_by as heldBy, provider_call_id as callId from call_attempts')
        .get() as { id: number; state: string; mode: string; heldBy: string | null; callId: string };
    await waitFor('the escalation', () => attempt()?.state === 'escalated');
    const call = real.fake.calls.get(attempt().callId) as FakeCall;
    return { db, attempt, call, alice: invoker(app, 'client-alice') };
  };

  const lines = (db: Db) =>
    db.$client.prepare('select speaker, text from transcripts order by at, seq').all() as {
      speaker: string;
      text: string;
    }[];

  it('redirects the call to the agent’s softphone after a hold line, and a hand-back gives it to a new ElevenLabs conversation told of the call', async () => {
    const { db, attempt, call, alice } = await escalatedCall();
    const escalation = db.$client
      .prepare("select data from call_events where type = 'state' and to_state = 'escalated'")
      .pluck()
      .get() as string;
    expect(JSON.parse(escalation)).toEqual({
      reason: 'Wants to negotiate the price with a person',
      urgency: 'high',
    });
    const takenOver = await alice('calls.takeOver', { attemptId: attempt().id, agentName: 'Alice' });
    const identity = `navaia_${installIdOf(db)}_alice`;
    expect(takenOver).toEqual({
      ok: true,
      result: expect.objectContaining({
        state: 'in_progress',
        mode: 'human',
        heldBy: 'Alice',
        session: { kind: 'softphone', identity },
      }),
    });
    // Exactly the Twilio request a takeover is: the live call updated with TwiML that holds and dials.
    const redirect = real.fake.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith(`/Calls/${call.sid}.json`),
    );
    expect(redirect).toHaveLength(1);
    expect(Object.keys(redirect[0].body)).toEqual(['Twiml']);
    expect(String(redirect[0].body.Twiml)).toMatch(
      new RegExp(
        `<Say>Please hold for a moment while I connect you with a colleague.</Say><Dial timeout="20" action="[^"]+/webhooks/twilio/dial-ended\\?attempt=${attempt().id}&amp;exp=\\d+" method="POST" record="record-from-answer-dual"><Client>${identity}</Client></Dial>`,
      ),
    );
    await waitFor('the softphone to ring', () => call.activities.at(-1)?.kind === 'dial');
    expect(call.activities.at(-1)).toMatchObject({ kind: 'dial', identity, answered: true });
    expect(attempt()).toMatchObject({ state: 'in_progress', mode: 'human', heldBy: 'Alice' });

    const handedBack = await alice('calls.handBack', {
      attemptId: attempt().id,
      reason: 'She agreed the price',
    });
    expect(handedBack).toMatchObject({ ok: true, result: { mode: 'ai', heldBy: null } });
    // ElevenLabs registers the call again (same customer variables, and what happened so far), and
    // Twilio streams to it.
    const registrations = real.fake.requests.filter((r) => r.path === '/v1/convai/twilio/register-call');
    expect(registrations).toHaveLength(2);
    expect(registrations[1].body).toMatchObject({
      to_number: wantsHuman,
      conversation_initiation_client_data: {
        dynamic_variables: { navaia_attempt_id: String(attempt().id) },
        conversation_config_override: {
          agent: {
            first_message: 'Thanks for holding — I am back with you.',
            prompt: { prompt: expect.stringContaining('Alice handed the call back: She agreed the price') },
          },
        },
      },
    });
    expect(
      call.updates.map((u) => (u.twiml?.includes('<Dial') ? 'dial' : u.twiml ? 'stream' : u.status)),
    ).toEqual(['dial', 'stream']);
    expect(call.activities.map((a) => a.kind)).toEqual(['stream', 'say', 'dial', 'stream']);

    // The AI finishes the call in its new conversation; its lines join the same transcript, after the
    // first conversation's (ElevenLabs writes each transcript when its conversation ends).
    await waitFor('the call to end', () => attempt().state === 'completed');
    await waitFor('the closing lines', () => lines(db).some((l) => l.text === 'Wonderful. Have a good day!'));
    const said = lines(db).map((l) => l.text);
    expect(said).toContain('Alice took over the call');
    expect(said).toContain('Alice handed the call back to the AI');
    expect(said.indexOf('Can I talk to a real person about the price?')).toBeLessThan(
      said.indexOf('Thanks for holding — I am back with you.'),
    );
  }, 60_000);

  it('ends a held call with the agent’s disposition and notes, which the AI’s analysis does not overwrite', async () => {
    const { db, attempt, call, alice } = await escalatedCall();
    const attemptId = attempt().id;
    expect(await alice('calls.takeOver', { attemptId, agentName: 'Alice' })).toMatchObject({ ok: true });
    // Only the agent holding the call may end it.
    expect(
      await invoker(real.app, 'client-bob')('calls.end', {
        attemptId,
        disposition: 'not_interested',
        notes: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const ended = await alice('calls.end', {
      attemptId,
      disposition: 'booked_viewing',
      notes: 'Viewing Saturday 10:00',
    });
    expect(ended).toMatchObject({ ok: true, result: { disposition: 'booked_viewing' } });
    expect(call.updates.at(-1)).toMatchObject({ status: 'completed', twiml: undefined });
    expect(call.hungUpAt).toBeDefined();

    await waitFor('the call to end', () => attempt().state === 'completed');
    // Let the follower read ElevenLabs' analysis of the AI's part of the call.
    await waitFor('the analysis', () =>
      Boolean(db.$client.prepare("select 1 from call_events where type = 'analysis'").pluck().get()),
    );
    expect(
      db.$client
        .prepare('select disposition, converted, notes, decided_by as decidedBy from dispositions')
        .all(),
    ).toEqual([
      { disposition: 'booked_viewing', converted: 1, notes: 'Viewing Saturday 10:00', decidedBy: 'Alice' },
    ]);
    expect(db.$client.prepare('select disposition from call_attempts').pluck().get()).toBe('booked_viewing');
    expect(lines(db).at(-1)).toEqual({ speaker: 'system', text: 'Alice ended the call: booked a viewing' });
  }, 60_000);

  it('frees the call when the agent’s softphone does not answer: the AI has the customer again, and the agent may take it over again', async () => {
    const { db, attempt, call, alice } = await escalatedCall(false);
    expect(await alice('calls.takeOver', { attemptId: attempt().id, agentName: 'Alice' })).toMatchObject({
      ok: true,
    });
    expect(attempt()).toMatchObject({ mode: 'human', heldBy: 'Alice' });
    await waitFor('the call back with the AI', () => attempt().mode === 'ai');
    expect(attempt()).toMatchObject({ state: 'in_progress', heldBy: null });
    expect(call.endedAt).toBeUndefined();
    expect(lines(db).at(-1)).toEqual({
      speaker: 'system',
      text: "Alice's softphone did not answer: the customer is back with the AI",
    });
    // Nobody holds it now: taking it over again is allowed.
    expect(await alice('calls.takeOver', { attemptId: attempt().id, agentName: 'Alice' })).toMatchObject({
      ok: true,
    });
  }, 60_000);
});
