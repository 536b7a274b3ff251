import { type AttemptState, isFinalState } from '../../shared/calls/attempt-states';
import { errorMessage } from '../../shared/errors';
import { getCampaign } from '../campaigns/campaign-store';
import type { Clock } from '../clock/clock';
import type { Db } from '../db/open';
import { TransientProviderError, type VoiceAgentProvider } from '../providers/provider';
import type { AttemptRow, AttemptStore } from './attempt-store';
import type { DueAttempt, Runner } from './engine-types';
import { isUnreachableError, type ProviderHealth } from './provider-health';

const minute = 60_000;
/** A dial the provider refused for now waits this long (or its Retry-After) before it is tried again. */
const providerRetryMs = 30_000;
/**
 * A placing that threw is asked about after this: a request the adapter sent before throwing has
 * reached the provider by then, so the answer to "is there a call with this key?" can be trusted.
 */
const notPlacedLookupDelayMs = 5_000;

export interface EndingPatch {
  endedAt?: number;
  durationSeconds?: number;
  costTelephony?: number;
  costAi?: number;
  error?: string;
  answeredAt?: number;
}

/**
 * How attempts end: a final state recorded (with the retry the policy allows queued), or — when the
 * provider did not confirm a call — asked about first, since the customer may already be ringing. Error
 * text is stored only through `redact`: a provider's message may echo the credentials it was sent.
 */
export function createAttemptFinalizer(deps: {
  db: Db;
  clock: Clock;
  store: AttemptStore;
  health: ProviderHealth;
  runners: Map<number, Runner>;
  /** Nobody holds the call any more (an agent who took it over). */
  releaseHolder: (attemptId: number) => void;
  schedule: (runner: Runner, at: number) => void;
  /** Lets go of a campaign that is over (its lease too). */
  closeRunner: (runner: Runner) => void;
  publishCall: (attemptId: number) => void;
  /** The provider could not be asked about a live attempt now: it is asked again later (reconciliation). */
  askLater: (attemptId: number) => void;
  redact: (text: string) => string;
}) {
  const { db, clock, store, health, runners } = deps;
  const errorText = (err: unknown) => deps.redact(errorMessage(err)).slice(0, 500);

  const finalize = (
    attempt: AttemptRow,
    to: AttemptState,
    patch: EndingPatch,
    retry: { providerError?: boolean; retryAfterMs?: number } = {},
  ) => {
    const now = clock.now();
    let from = attempt.state;
    // A provider may report a finished conversation we never saw answered (events lost in a crash).
    if (to === 'completed' && (from === 'dialing' || from === 'ringing')) {
      if (store.move(attempt.id, from, 'in_progress', now, { answeredAt: patch.answeredAt ?? now }))
        from = 'in_progress';
    }
    const recorded = { endedAt: patch.endedAt ?? now, ...patch };
    if (recorded.error !== undefined) recorded.error = deps.redact(recorded.error);
    if (!store.move(attempt.id, from, to, now, recorded)) return;
    deps.releaseHolder(attempt.id);
    const campaignId = attempt.campaignId;
    const runner = runners.get(campaignId);
    const wasFull = runner !== undefined && runner.live.size >= runner.campaign.pacing.maxConcurrent;
    runner?.live.delete(attempt.id);
    const campaign = runner?.campaign ?? getCampaign(db, campaignId);
    const policy = campaign.retryPolicy;
    const retryable = (policy.retryOn as string[]).includes(to);
    if (
      retryable &&
      attempt.attemptNumber < policy.maxAttempts &&
      (campaign.status === 'running' || campaign.status === 'paused')
    ) {
      // Provider hiccups back off quickly (30 s, 1 min, 2 min …); unanswered calls wait the policy's delay.
      const delay = retry.providerError
        ? Math.min(
            policy.delayMinutes * minute,
            Math.max(retry.retryAfterMs ?? 0, 30_000 * 2 ** (attempt.attemptNumber - 1)),
          )
        : policy.delayMinutes * minute;
      store.enqueue({
        campaignId,
        customerId: attempt.customerId,
        attemptNumber: attempt.attemptNumber + 1,
        provider: attempt.provider,
        toNumber: attempt.toNumber,
        fromNumber: attempt.fromNumber,
        notBefore: now + delay,
        now,
      });
      if (runner) deps.schedule(runner, now + delay);
    }
    deps.publishCall(attempt.id);
    // A stopped campaign whose live calls were left to finish is done with the last of them.
    const over = campaign.status === 'completed' || campaign.status === 'cancelled';
    if (runner && over && runner.live.size === 0) deps.closeRunner(runner);
    // A freed line matters only when the lines were all busy (or this was the last call): otherwise the
    // pump is already waiting for its next token. Calls ending in the same instant share one pump.
    else if (runner && (wasFull || runner.live.size === 0)) deps.schedule(runner, now);
  };

  /**
   * The provider did not confirm the call. If it may have placed it anyway (a timeout), ask it by the
   * idempotency key before deciding: the customer may already be ringing.
   */
  const placeCallFailed = async (attempt: DueAttempt, provider: VoiceAgentProvider, err: unknown) => {
    const message = errorText(err);
    const found = await provider
      .findCallByIdempotencyKey?.(attempt.idempotencyKey, attempt.toNumber, attempt.dialedAt ?? 0, attempt.id)
      .catch(() => undefined);
    if (found) {
      health.succeeded(provider.name);
      store.setProviderCall(attempt.id, found, clock.now());
      store.note(attempt.id, clock.now(), 'reconciled', { callId: found, after: message });
      return;
    }
    const current = store.get(attempt.id);
    if (!current || isFinalState(current.state)) return;
    const retryAfterMs = err instanceof TransientProviderError ? err.retryAfterMs : undefined;
    if (isUnreachableError(err)) {
      // Nothing was placed: the attempt waits in the queue, unused, and the provider's health decides
      // when dialling goes on.
      const now = clock.now();
      health.failed(provider.name, err);
      if (store.requeue(attempt.id, now, now + (retryAfterMs ?? providerRetryMs), message)) {
        const runner = runners.get(attempt.campaignId);
        if (runner) {
          runner.live.delete(attempt.id);
          deps.schedule(runner, now);
        }
        deps.publishCall(attempt.id);
      }
      return;
    }
    finalize(current, 'failed', { error: message }, { providerError: true, retryAfterMs });
  };

  /**
   * Placing threw before the provider answered (the campaign is being paused for it). The provider may
   * have the call — the adapter may have sent it before throwing — so it is asked by the key: found, the
   * call is followed; not found, the attempt goes back to the queue unused, for when the campaign is
   * resumed (the same key then, so a late request is still one call); if it cannot tell, the attempt
   * ends failed without a retry, as at a restart.
   */
  const notPlaced = async (attempt: DueAttempt, provider: VoiceAgentProvider | undefined, err: unknown) => {
    const message = errorText(err);
    let found: string | undefined;
    if (provider) {
      if (!provider.findCallByIdempotencyKey) {
        const current = store.get(attempt.id);
        if (current && !isFinalState(current.state))
          finalize(current, 'failed', {
            error: `Unknown outcome: placing the call failed (${message}) and the provider cannot confirm whether it was placed`,
          });
        return;
      }
      await new Promise<void>((resolve) => clock.setTimeout(resolve, notPlacedLookupDelayMs));
      try {
        found = await provider.findCallByIdempotencyKey(
          attempt.idempotencyKey,
          attempt.toNumber,
          attempt.dialedAt ?? 0,
          attempt.id,
        );
      } catch (lookupErr) {
        // Not reachable now: the attempt stays live, and is asked about again like one left by a crash.
        if (isUnreachableError(lookupErr)) health.failed(provider.name, lookupErr);
        deps.askLater(attempt.id);
        return;
      }
    }
    const now = clock.now();
    if (found) {
      store.setProviderCall(attempt.id, found, now);
      store.note(attempt.id, now, 'reconciled', { callId: found, after: message });
      return;
    }
    if (store.requeue(attempt.id, now, now, message, 'not_placed')) {
      runners.get(attempt.campaignId)?.live.delete(attempt.id);
      deps.publishCall(attempt.id);
    }
  };

  return { finalize, placeCallFailed, notPlaced };
}
