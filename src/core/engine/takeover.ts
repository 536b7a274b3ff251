import {
  dispositionAllowed,
  dispositionLabel,
  dispositionsByObjective,
} from '../../shared/campaigns/dispositions';
import { AppError, errorMessage, ProviderError } from '../../shared/errors';
import { getCampaign } from '../campaigns/campaign-store';
import type { Clock } from '../clock/clock';
import type { Db } from '../db/open';
import type { EventBus } from '../events/event-bus';
import { rethrowAsProviderError, type TakeoverSession, type VoiceAgentProvider } from '../providers/provider';
import { installIdOf } from '../settings/install-id';
import type { AttemptRow, AttemptStore } from './attempt-store';

/**
 * An agent taking a live call over from the AI. Which client holds each call lives here, and only
 * here: only the holder may speak on the call, hand it back or end it.
 */
export interface Takeover {
  /** Gives the connected call to the agent; of two agents pressing at once, exactly one gets it. */
  takeOver(attemptId: number, agentName: string, clientId: string): Promise<TakeoverSession>;
  say(attemptId: number, text: string, clientId: string): Promise<void>;
  handBack(attemptId: number, reason: string | undefined, clientId: string): Promise<void>;
  /** Ends the call with the agent's outcome (one of the campaign's dispositions) and notes. */
  end(attemptId: number, disposition: string, notes: string | null, clientId: string): Promise<void>;
  /** Hangs up a placed call, whoever has it. */
  hangUp(attemptId: number): Promise<void>;
  /** Why the call's provider cannot hand calls to agents, if it cannot. */
  unavailableReason(attemptId: number): string | undefined;
  /** The call ended or went back to the AI by itself: nobody holds it any more. */
  release(attemptId: number): void;
}

export function createTakeover(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  store: AttemptStore;
  providerOf: (name: string) => VoiceAgentProvider;
  redact: (text: string) => string;
  /** Records the agent's outcome as the call's disposition (and a DNC request at once). */
  recordDisposition: (
    attempt: AttemptRow,
    disposition: string,
    notes: string | null,
    decidedBy: string,
    now: number,
  ) => void;
}): Takeover {
  const { db, clock, bus, store, providerOf } = deps;
  /** Which client holds each taken-over call. */
  const holders = new Map<number, string>();

  const connected = (attemptId: number) => {
    const attempt = store.get(attemptId);
    if (!attempt) throw new AppError('not_found', `Call ${attemptId} does not exist`);
    if (!attempt.providerCallId || !['in_progress', 'escalated'].includes(attempt.state)) {
      throw new AppError('invalid_state', 'This call is not connected to a customer right now');
    }
    return { attempt, callId: attempt.providerCallId };
  };

  const heldBy = (attemptId: number, clientId: string) => {
    const found = connected(attemptId);
    if (holders.get(attemptId) !== clientId) {
      throw new AppError(
        'conflict',
        found.attempt.heldBy ? `${found.attempt.heldBy} is handling this call` : 'Take the call over first',
      );
    }
    return found;
  };

  const systemLine = (attemptId: number, text: string) => {
    const at = clock.now();
    const seq = store.appendLine(attemptId, at, 'system', text);
    bus.publish('call.transcript', { attemptId, seq, at, speaker: 'system', text });
  };

  return {
    async takeOver(attemptId, agentName, clientId) {
      const { attempt, callId } = connected(attemptId);
      const refusal = providerOf(attempt.provider).takeoverUnavailableReason?.();
      if (refusal) throw new AppError('invalid_state', refusal);
      const holder = holders.get(attemptId);
      if (holder !== undefined && holder !== clientId) {
        throw new AppError('conflict', `${attempt.heldBy ?? 'Another agent'} is already handling this call`);
      }
      // Claimed before the first await: of two agents pressing at once, exactly one gets the call.
      holders.set(attemptId, clientId);
      if (!store.hold(attemptId, agentName, clock.now())) {
        holders.delete(attemptId);
        throw new AppError(
          'conflict',
          `${store.get(attemptId)?.heldBy ?? 'Another agent'} is already handling this call`,
        );
      }
      let session: TakeoverSession;
      try {
        session = await providerOf(attempt.provider).takeOver(callId, {
          name: agentName,
          clientId,
          installId: installIdOf(db),
        });
      } catch (err) {
        holders.delete(attemptId);
        store.release(attemptId, clock.now(), agentName);
        throw new ProviderError(`Could not take the call over: ${deps.redact(errorMessage(err))}`, {
          cause: err,
        });
      }
      if (attempt.state === 'escalated')
        store.move(attemptId, 'escalated', 'in_progress', clock.now(), {}, { by: agentName });
      systemLine(attemptId, `${agentName} took over the call`);
      return session;
    },

    async say(attemptId, text, clientId) {
      const { attempt, callId } = heldBy(attemptId, clientId);
      await providerOf(attempt.provider)
        .sendAgentMessage(callId, text)
        .catch(rethrowAsProviderError(deps.redact));
    },

    async handBack(attemptId, reason, clientId) {
      const { attempt, callId } = heldBy(attemptId, clientId);
      await providerOf(attempt.provider).handBack(callId, reason).catch(rethrowAsProviderError(deps.redact));
      holders.delete(attemptId);
      store.release(attemptId, clock.now(), attempt.heldBy ?? 'agent');
      systemLine(attemptId, `${attempt.heldBy ?? 'The agent'} handed the call back to the AI`);
    },

    async end(attemptId, disposition, notes, clientId) {
      const { attempt, callId } = heldBy(attemptId, clientId);
      const { objective } = getCampaign(db, attempt.campaignId);
      if (!dispositionAllowed(objective, disposition)) {
        const choices = dispositionsByObjective[objective].map((d) => dispositionLabel(d, objective));
        const message = `“${dispositionLabel(disposition)}” is not an outcome of this campaign: choose one of ${choices.join(', ')}`;
        throw new AppError('invalid_input', message, [{ path: 'disposition', message }]);
      }
      const now = clock.now();
      store.recordOutcome(attemptId, now, { disposition }, 'agent_disposition');
      deps.recordDisposition({ ...attempt, disposition }, disposition, notes, attempt.heldBy ?? 'agent', now);
      systemLine(
        attemptId,
        `${attempt.heldBy ?? 'The agent'} ended the call: ${dispositionLabel(disposition, objective).toLowerCase()}`,
      );
      await providerOf(attempt.provider).hangUp(callId).catch(rethrowAsProviderError(deps.redact));
    },

    async hangUp(attemptId) {
      const attempt = store.get(attemptId);
      if (!attempt?.providerCallId) throw new AppError('invalid_state', 'This call has not been placed');
      await providerOf(attempt.provider)
        .hangUp(attempt.providerCallId)
        .catch(rethrowAsProviderError(deps.redact));
    },

    unavailableReason: (attemptId) =>
      providerOf(store.get(attemptId)?.provider ?? 'simulator').takeoverUnavailableReason?.(),

    release: (attemptId) => {
      holders.delete(attemptId);
    },
  };
}
