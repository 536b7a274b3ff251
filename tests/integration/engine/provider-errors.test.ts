import { ProviderError } from '@shared/errors';
import { describe, expect, it, vi } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';

/** A provider's refusal reaches the agent in the provider's words, whichever call control failed. */
describe('provider failures during a takeover reach the caller with their words', () => {
  const createEngineHarness = engineHarnessPerTest();

  const heldCall = async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: true });
    const alice = invoker(h.app, 'client-alice');
    h.startCampaignFor(200, { pacing: { maxConcurrent: 30, maxPerMinute: 200 } });
    const attemptId = await h.untilEscalated();
    expect(await alice('calls.takeOver', { attemptId, agentName: 'Alice' })).toMatchObject({ ok: true });
    return { h, alice, attemptId, provider: h.app.engine.providerOf('simulator') };
  };

  it('calls.say: a ProviderError is answered as unavailable with its message, not "failed unexpectedly"', async () => {
    const { alice, attemptId, provider } = await heldCall();
    const words = 'ElevenLabs answered 503 Service Unavailable';
    vi.spyOn(provider, 'sendAgentMessage').mockRejectedValueOnce(new ProviderError(words));
    expect(await alice('calls.say', { attemptId, text: 'Hello?' })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: words },
    });
  });

  it('calls.say and calls.handBack: a plain error the provider threw (an SDK’s) keeps its words', async () => {
    const { alice, attemptId, provider } = await heldCall();
    const sdkWords = 'Call is not in-progress. Cannot redirect.';
    vi.spyOn(provider, 'sendAgentMessage').mockRejectedValueOnce(new Error(sdkWords));
    vi.spyOn(provider, 'handBack').mockRejectedValueOnce(new Error(sdkWords));
    expect(await alice('calls.say', { attemptId, text: 'Hello?' })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: sdkWords },
    });
    expect(await alice('calls.handBack', { attemptId })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: sdkWords },
    });
    // The refused hand-back left the call with Alice: she can still speak on it.
    expect(await alice('calls.say', { attemptId, text: 'Still here.' })).toMatchObject({ ok: true });
  });
});
