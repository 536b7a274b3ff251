import { type AttemptState, isFinalState } from '../../shared/calls/attempt-states';
import type { Clock, TimerHandle } from '../clock/clock';
import type { Db } from '../db/open';
import type { Logger } from '../logging/logger';
import type { VoiceAgentProvider } from '../providers/provider';
import type { AttemptPatch, AttemptRow, AttemptStore } from './attempt-store';
import { isUnreachableError, type ProviderHealth } from './provider-health';

const minute = 60_000;
/** A call the provider could not be asked about after a restart is asked about again after this. */
const firstReconcileRetryMs = 5_000;

/**
 * Crash recovery. Attempts a previous run left live are asked about, never dialled again: by call id,
 * or — if the app stopped before the provider answered — by idempotency key. Only when the provider
 * has no call for the key is the attempt failed (and retried under the policy); a provider that cannot
 * tell leaves it failed without a retry. While the provider cannot be reached, the attempt counts as
 * live and is asked about again with back-off.
 */
export function createReconciler(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  providers: Map<string, VoiceAgentProvider>;
  store: AttemptStore;
  health: ProviderHealth;
  /** Ends the attempt (and queues its retry): the engine's. */
  finalize: (attempt: AttemptRow, to: AttemptState, patch: AttemptPatch) => void;
  /** The attempt holds one of its campaign's lines (if the campaign is running). */
  countAsLive: (campaignId: number, attemptId: number) => void;
  /** Whether this engine may follow the calls of a campaign (not while another process dials it). */
  mayReconcile?: (campaignId: number) => boolean;
  /** Told when asking again on a timer fails (the disk is full): the engine's failure handling. */
  failed?: (err: unknown) => void;
}) {
  const { clock, logger, store, health, finalize } = deps;
  const liveAttempts =
    deps.db.$client.prepare(`select id, campaign_id as campaignId, state, provider, provider_call_id as providerCallId,
      idempotency_key as idempotencyKey, to_number as toNumber, dialed_at as dialedAt
    from call_attempts where state in ('dialing', 'ringing', 'in_progress', 'escalated')`);

  /** Live attempts the provider could not be asked about (it was unreachable): asked again later. */
  const unreconciled = new Set<number>();
  let reconcileRetryMs = firstReconcileRetryMs;
  let reconcileTimer: TimerHandle | undefined;
  const reconcileLater = () => {
    if (unreconciled.size === 0) {
      reconcileRetryMs = firstReconcileRetryMs;
      return;
    }
    if (reconcileTimer) return;
    reconcileTimer = clock.setTimeout(() => {
      reconcileTimer = undefined;
      const ids = new Set(unreconciled);
      unreconciled.clear();
      reconcile(ids).catch((err: unknown) => deps.failed?.(err));
    }, reconcileRetryMs);
    reconcileRetryMs = Math.min(reconcileRetryMs * 2, 5 * minute);
  };
  /** Counted as live meanwhile, so that the campaign neither dials past its limit nor completes. */
  const leaveUnreconciled = (row: { id: number; campaignId: number }, provider: string, err: unknown) => {
    if (!isUnreachableError(err)) {
      logger.warn({ err, attemptId: row.id }, 'could not reconcile a call; it stays as it was');
      return;
    }
    logger.warn({ err, attemptId: row.id }, 'provider unreachable: asking about this call again later');
    health.failed(provider, err);
    unreconciled.add(row.id);
    deps.countAsLive(row.campaignId, row.id);
  };

  /** Asks about live attempts: those in `only`, or of `campaignId`, or all this engine may follow. */
  const reconcile = async (only?: ReadonlySet<number>, campaignId?: number) => {
    await reconcileRows(only, campaignId);
    reconcileLater();
  };

  const reconcileRows = async (only?: ReadonlySet<number>, campaignId?: number) => {
    const stale = (
      liveAttempts.all() as {
        id: number;
        campaignId: number;
        state: AttemptState;
        provider: string;
        providerCallId: string | null;
        idempotencyKey: string;
        toNumber: string;
        dialedAt: number | null;
      }[]
    ).filter(
      (row) =>
        (!only || only.has(row.id)) &&
        (campaignId === undefined || row.campaignId === campaignId) &&
        (deps.mayReconcile?.(row.campaignId) ?? true),
    );
    for (const row of stale) {
      const provider = deps.providers.get(row.provider);
      const attempt = store.get(row.id)!;
      if (!provider) continue;
      let callId = row.providerCallId ?? undefined;
      if (!callId && provider.findCallByIdempotencyKey) {
        try {
          callId = await provider.findCallByIdempotencyKey(
            row.idempotencyKey,
            row.toNumber,
            row.dialedAt ?? 0,
            row.id,
          );
        } catch (err) {
          leaveUnreconciled(row, provider.name, err);
          continue;
        }
        if (callId) store.setProviderCall(row.id, callId, clock.now());
        else {
          finalize(attempt, 'failed', {
            error: 'The app stopped before the provider confirmed the call; it was not placed',
          });
          continue;
        }
      }
      if (!callId) {
        finalize(attempt, 'failed', {
          error: 'Unknown outcome: the provider cannot confirm whether the call was placed',
        });
        continue;
      }
      try {
        const snapshot = await provider.getCall(callId, row.id);
        store.note(row.id, clock.now(), 'reconciled', { callId, status: snapshot.status });
        if (snapshot.status === 'ringing' && row.state === 'dialing')
          store.move(row.id, 'dialing', 'ringing', clock.now());
        else if (snapshot.status === 'in_progress' && (row.state === 'dialing' || row.state === 'ringing')) {
          store.move(row.id, row.state, 'in_progress', clock.now(), {
            answeredAt: snapshot.answeredAt ?? clock.now(),
          });
        } else if (isFinalState(snapshot.status)) {
          finalize(store.get(row.id)!, snapshot.status, {
            endedAt: snapshot.endedAt,
            answeredAt: snapshot.answeredAt,
            durationSeconds: snapshot.durationSeconds,
            costTelephony: snapshot.costTelephony,
            costAi: snapshot.costAi,
          });
          continue;
        }
        deps.countAsLive(row.campaignId, row.id);
      } catch (err) {
        leaveUnreconciled(row, provider.name, err);
      }
    }
  };

  return {
    reconcile,
    /** Asks about this live attempt again with the back-off, like one the provider could not be asked about. */
    askLater(attemptId: number) {
      unreconciled.add(attemptId);
      reconcileLater();
    },
    close() {
      if (reconcileTimer) clock.clearTimeout(reconcileTimer);
    },
  };
}
