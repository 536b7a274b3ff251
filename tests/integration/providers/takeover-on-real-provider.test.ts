import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/core/db/open';
import type { FakeCall } from '../../fakes/provider-api/fake-calls';
import { invoker } from '../../helpers/invoke';
import { realProviderAppPerTest, waitFor } from './provider-setup';

// The fake's scenario for a number ending in 4: the customer asks for a person and the agent escalates.
const wantsHuman = '+12125550114';

describe('an agent takes over a real call, against the fake Twilio + ElevenLabs API', () => {
  const real = realProviderAppPerTest();

  /** A one-customer campaign whose call has been escalated by the AI. */
  const escalatedCall = async () => {
    const { app, db } = await real.start([{ name: 'Esme', phone: wantsHuman }]);
    const attempt = () =>
      db.$client
        .prepare('select id, state, mode, held_by as heldBy, provider_call_id as callId from call_attempts')
        .get() as { id: number; state: string; mode: string; heldBy: string | null; callId: string };
    await waitFor('the escalation', () => attempt()?.state === 'escalated');
    const call = real.fake.calls.get(attempt().callId) as FakeCall;
    return { db, attempt, call, alice: invoker(app, 'client-alice') };
  };

  const lines = (db: Db) =>
    db.$client.prepare('select speaker, text from transcripts order by seq').all() as {
      speaker: string;
      text: string;
    }[];

  it('redirects the call to the agent’s softphone, and a hand-back gives it to a new ElevenLabs conversation', async () => {
    const { db, attempt, call, alice } = await escalatedCall();
    const takenOver = await alice('calls.takeOver', { attemptId: attempt().id, agentName: 'Alice' });
    expect(takenOver).toEqual({
      ok: true,
      result: expect.objectContaining({
        state: 'in_progress',
        mode: 'human',
        heldBy: 'Alice',
        session: { kind: 'softphone', identity: expect.stringMatching(/^navaia_/) },
      }),
    });
    const identity =
      takenOver.ok && takenOver.result.session.kind === 'softphone' && takenOver.result.session.identity;
    // Exactly the Twilio request a takeover is: the live call updated with TwiML dialling the client.
    const redirect = real.fake.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith(`/Calls/${call.sid}.json`),
    );
    expect(redirect).toHaveLength(1);
    expect(Object.keys(redirect[0].body)).toEqual(['Twiml']);
    expect(redirect[0].body.Twiml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Client>${identity}</Client></Dial></Response>`,
    );
    expect(call.phases.at(-1)).toMatchObject({ kind: 'client', identity });
    expect(attempt()).toMatchObject({ state: 'in_progress', mode: 'human', heldBy: 'Alice' });

    const handedBack = await alice('calls.handBack', { attemptId: attempt().id });
    expect(handedBack).toMatchObject({ ok: true, result: { mode: 'ai', heldBy: null } });
    // ElevenLabs registers the call again (same customer variables), and Twilio streams to it.
    const registrations = real.fake.requests.filter((r) => r.path === '/v1/convai/twilio/register-call');
    expect(registrations).toHaveLength(2);
    expect(registrations[1].body).toMatchObject({
      to_number: wantsHuman,
      conversation_initiation_client_data: {
        dynamic_variables: { navaia_attempt_id: attempt().id },
      },
    });
    expect(
      call.updates.map((u) => (u.twiml?.includes('<Client>') ? 'client' : u.twiml ? 'stream' : u.status)),
    ).toEqual(['client', 'stream']);
    expect(call.phases.map((p) => p.kind)).toEqual(['stream', 'client', 'stream']);

    // The AI finishes the call in its new conversation; its lines join the same transcript.
    await waitFor('the call to end', () => attempt().state === 'completed');
    const said = lines(db).map((l) => l.text);
    expect(said).toContain('Alice took over the call');
    expect(said).toContain('Alice handed the call back to the AI');
    await waitFor('the closing lines', () => lines(db).some((l) => l.text === 'Wonderful. Have a good day!'));
    expect(said.indexOf('Alice handed the call back to the AI')).toBeLessThan(
      lines(db).findIndex((l) => l.text === 'Thanks for waiting, I am back with you.'),
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
});
