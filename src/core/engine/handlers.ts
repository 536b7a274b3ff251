import {
  dispositionAllowed,
  dispositionLabel,
  dispositionsByObjective,
} from '../../shared/campaigns/dispositions';
import type { callMethods } from '../../shared/contract/calls';
import type { CallContext, HandlersOf } from '../../shared/contract/define';
import { AppError, errorMessage, ProviderError } from '../../shared/errors';
import type { AppContext } from '../app-context';
import { assertAudienceUsable } from '../audience/check-criteria';
import { getCampaign } from '../campaigns/campaign-store';
import { assertReadyForRealCalls } from '../compliance/real-call-readiness';
import { rethrowAsProviderError, type TakeoverSession } from '../providers/provider';
import { installIdOf } from '../settings/install-id';
import { readCallDetail } from './call-detail';
import type { Engine } from './engine';
import { rehearseCampaign } from './rehearsal';

/** The monitor's and the takeover console's calls, bound to the engine. */
export function callHandlers(context: AppContext, engine: Engine): HandlersOf<typeof callMethods> {
  const { clock } = context;
  const { store, holders, summaries } = engine;

  const connected = (attemptId: number) => {
    const attempt = store.get(attemptId);
    if (!attempt) throw new AppError('not_found', `Call ${attemptId} does not exist`);
    if (!attempt.providerCallId || !['in_progress', 'escalated'].includes(attempt.state)) {
      throw new AppError('invalid_state', 'This call is not connected to a customer right now');
    }
    return { attempt, callId: attempt.providerCallId };
  };

  /** Only the agent holding a call may speak on it, hand it back or end it. */
  const heldByCaller = (attemptId: number, { clientId }: CallContext) => {
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
    context.bus.publish('call.transcript', { attemptId, seq, at, speaker: 'system', text });
  };

  const summary = (attemptId: number) => {
    engine.publishCall(attemptId);
    const s = summaries.get(attemptId);
    if (!s) throw new AppError('not_found', `Call ${attemptId} does not exist`);
    return s;
  };

  return {
    // Settings, credentials or the audience may have changed while a campaign was paused: a resume is
    // checked like a start.
    'campaigns.start': ({ id }) => {
      assertAudienceUsable(context.db, getCampaign(context.db, id).criteria, clock.now());
      const warnings = assertReadyForRealCalls(context, id);
      return { ...engine.startCampaign(id), warnings };
    },
    'campaigns.pause': ({ id }) => engine.pauseCampaign(id),
    'campaigns.resume': ({ id }) => {
      assertAudienceUsable(context.db, getCampaign(context.db, id).criteria, clock.now());
      const warnings = assertReadyForRealCalls(context, id);
      return { ...engine.resumeCampaign(id), warnings };
    },
    'campaigns.stop': ({ id, hangUpLiveCalls }) => engine.stopCampaign(id, hangUpLiveCalls),
    'campaigns.progress': ({ id }) => engine.progress(id),
    'campaigns.rehearse': (input) => rehearseCampaign(context, input),
    'calls.active': ({ campaignId, escalatedOnly }) => summaries.live(campaignId, escalatedOnly),
    'calls.history': (filter) => summaries.history(filter),
    'calls.get': ({ attemptId }) => {
      const reason = engine
        .providerOf(store.get(attemptId)?.provider ?? 'simulator')
        .takeoverUnavailableReason?.();
      return readCallDetail(
        context.db,
        summaries.get(attemptId),
        reason ? { available: false, reason } : { available: true },
      );
    },

    async 'calls.takeOver'({ attemptId, agentName }, caller) {
      const { attempt, callId } = connected(attemptId);
      const refusal = engine.providerOf(attempt.provider).takeoverUnavailableReason?.();
      if (refusal) throw new AppError('invalid_state', refusal);
      const holder = holders.get(attemptId);
      if (holder !== undefined && holder !== caller.clientId) {
        throw new AppError('conflict', `${attempt.heldBy ?? 'Another agent'} is already handling this call`);
      }
      // Claimed before the first await: of two agents pressing at once, exactly one gets the call.
      holders.set(attemptId, caller.clientId);
      if (!store.hold(attemptId, agentName, clock.now())) {
        holders.delete(attemptId);
        throw new AppError(
          'conflict',
          `${store.get(attemptId)?.heldBy ?? 'Another agent'} is already handling this call`,
        );
      }
      let session: TakeoverSession;
      try {
        session = await engine.providerOf(attempt.provider).takeOver(callId, {
          name: agentName,
          clientId: caller.clientId,
          installId: installIdOf(context.db),
        });
      } catch (err) {
        holders.delete(attemptId);
        store.release(attemptId, clock.now(), agentName);
        throw new ProviderError(`Could not take the call over: ${engine.redact(errorMessage(err))}`, {
          cause: err,
        });
      }
      if (attempt.state === 'escalated')
        store.move(attemptId, 'escalated', 'in_progress', clock.now(), {}, { by: agentName });
      systemLine(attemptId, `${agentName} took over the call`);
      return { ...summary(attemptId), session };
    },

    async 'calls.say'({ attemptId, text }, caller) {
      const { attempt, callId } = heldByCaller(attemptId, caller);
      await engine
        .providerOf(attempt.provider)
        .sendAgentMessage(callId, text)
        .catch(rethrowAsProviderError(engine.redact));
      return { ok: true as const };
    },

    async 'calls.handBack'({ attemptId, reason }, caller) {
      const { attempt, callId } = heldByCaller(attemptId, caller);
      await engine
        .providerOf(attempt.provider)
        .handBack(callId, reason)
        .catch(rethrowAsProviderError(engine.redact));
      holders.delete(attemptId);
      store.release(attemptId, clock.now(), attempt.heldBy ?? 'agent');
      systemLine(attemptId, `${attempt.heldBy ?? 'The agent'} handed the call back to the AI`);
      return summary(attemptId);
    },

    async 'calls.end'({ attemptId, disposition, notes }, caller) {
      const { attempt, callId } = heldByCaller(attemptId, caller);
      const { objective } = getCampaign(context.db, attempt.campaignId);
      if (!dispositionAllowed(objective, disposition)) {
        const choices = dispositionsByObjective[objective].map((d) => dispositionLabel(d, objective));
        const message = `“${dispositionLabel(disposition)}” is not an outcome of this campaign: choose one of ${choices.join(', ')}`;
        throw new AppError('invalid_input', message, [{ path: 'disposition', message }]);
      }
      const now = clock.now();
      store.recordOutcome(attemptId, now, { disposition }, 'agent_disposition');
      engine.recordDisposition(
        { ...attempt, disposition },
        disposition,
        notes,
        attempt.heldBy ?? 'agent',
        now,
      );
      systemLine(
        attemptId,
        `${attempt.heldBy ?? 'The agent'} ended the call: ${dispositionLabel(disposition, objective).toLowerCase()}`,
      );
      await engine.providerOf(attempt.provider).hangUp(callId).catch(rethrowAsProviderError(engine.redact));
      return summary(attemptId);
    },

    async 'calls.hangUp'({ attemptId }) {
      const attempt = store.get(attemptId);
      if (!attempt?.providerCallId) throw new AppError('invalid_state', 'This call has not been placed');
      await engine
        .providerOf(attempt.provider)
        .hangUp(attempt.providerCallId)
        .catch(rethrowAsProviderError(engine.redact));
      return { ok: true as const };
    },
  };
}
