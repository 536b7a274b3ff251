import { renderTemplate } from '../../shared/campaigns/script-template';
import type { Settings } from '../../shared/contract/settings';
import { buildCustomerVariables } from '../campaigns/customer-variables';
import type { Clock } from '../clock/clock';
import type { GroupCommit } from '../db/group-commit';
import type { Db } from '../db/open';
import type { VoiceAgentProvider } from '../providers/provider';
import type { AttemptStore } from './attempt-store';
import type { DueAttempt, Runner } from './engine-types';
import type { ProviderHealth } from './provider-health';

export interface Dialing {
  /** The attempt leaves the queue (committed as `dialing` with the next flush); false if it had already. */
  markDialing(runner: Runner, attempt: DueAttempt, now: number): boolean;
  /**
   * Asks the provider to place the calls — only once their attempts are committed, so that after a
   * crash every call the provider may have placed has a row (and an idempotency key) to reconcile.
   */
  placeCalls(runner: Runner, dials: DueAttempt[], now: number, settings: Settings): void;
}

/** Dialling: an attempt marked `dialing`, committed, then its call placed with the customer's script. */
export function createDialing(deps: {
  db: Db;
  clock: Clock;
  store: AttemptStore;
  groupCommit: GroupCommit;
  health: ProviderHealth;
  providerOf: (name: string) => VoiceAgentProvider;
  publishCall: (attemptId: number) => void;
  placeCallFailed: (attempt: DueAttempt, provider: VoiceAgentProvider, err: unknown) => Promise<void>;
  /** Placing threw before the provider answered: ask it by the key, follow the call or queue it again. */
  notPlaced: (attempt: DueAttempt, provider: VoiceAgentProvider | undefined, err: unknown) => Promise<void>;
  /** Recording a dial's outcome failed (a full disk): the engine decides what to do. */
  failed: (runner: Runner, err: unknown) => void;
}): Dialing {
  const { db, clock, store, groupCommit, health } = deps;

  const markDialing = (runner: Runner, attempt: DueAttempt, now: number): boolean => {
    if (!store.markDialing(attempt, now)) return false;
    // From here on it counts against the campaign's concurrency.
    runner.live.add(attempt.id);
    deps.publishCall(attempt.id);
    return true;
  };

  const placeCalls = (runner: Runner, dials: DueAttempt[], now: number, settings: Settings) => {
    if (dials.length === 0) return;
    // The crash guarantee: every attempt below is on disk as `dialing`, with its key, before any dial.
    groupCommit.flush();
    let provider: VoiceAgentProvider | undefined;
    let placing = 0;
    try {
      provider = deps.providerOf(runner.campaign.provider);
      for (; placing < dials.length; placing++) placeCall(runner, dials[placing]!, provider, now, settings);
    } catch (err) {
      // Thrown before the provider answered (a statement, the adapter itself): this attempt and the rest
      // are committed as `dialing` but may not have been placed. Each is asked of the provider by its
      // key — followed if found, queued again if not — and the error goes up to the pump, which pauses
      // the campaign: nobody is left in `dialing`, nobody is dialled twice.
      for (const unsent of dials.slice(placing)) {
        deps
          .notPlaced({ ...unsent, dialedAt: now }, provider, err)
          .catch((recordErr: unknown) => deps.failed(runner, recordErr));
      }
      throw err;
    }
  };

  const placeCall = (
    runner: Runner,
    attempt: DueAttempt,
    provider: VoiceAgentProvider,
    now: number,
    settings: Settings,
  ) => {
    const { agentName, companyName, recordCalls } = settings;
    const { script } = runner.campaign;
    // Nothing to disclose while calls are not recorded: the template's disclosure reads as nothing.
    const recordingDisclosure = recordCalls ? settings.recordingDisclosure : '';
    const variables = buildCustomerVariables(db, attempt.customerId, {
      now,
      agentName,
      companyName,
      recordingDisclosure,
    });
    provider
      .placeCall({
        attemptId: attempt.id,
        idempotencyKey: attempt.idempotencyKey,
        campaignId: runner.campaign.id,
        customerId: attempt.customerId,
        to: attempt.toNumber,
        from: attempt.fromNumber,
        agentId: script.agentId || null,
        firstMessage: renderTemplate(script.firstMessage, variables),
        prompt: renderTemplate(script.prompt, variables),
        voicemailMessage: renderTemplate(script.voicemailMessage, variables),
        recordCalls,
        variables,
        objective: runner.campaign.objective,
        customerTimeZone: attempt.timeZone,
        rates: {
          telephonyPerMinute: runner.campaign.costs.telephonyPerMinute,
          aiPerMinute: runner.campaign.costs.aiPerMinute,
        },
      })
      .then(
        ({ callId }) => {
          health.succeeded(provider.name);
          store.setProviderCall(attempt.id, callId, clock.now());
        },
        (err: unknown) => deps.placeCallFailed({ ...attempt, dialedAt: now }, provider, err),
      )
      // Recording the outcome may itself fail (a full disk): the engine hears of it, the host does not die.
      .catch((err: unknown) => deps.failed(runner, err));
  };

  return { markDialing, placeCalls };
}
