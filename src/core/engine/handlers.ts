import type { callMethods } from '../../shared/contract/calls';
import type { HandlersOf } from '../../shared/contract/define';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../app-context';
import { assertAudienceUsable } from '../audience/check-criteria';
import { getCampaign } from '../campaigns/campaign-store';
import { assertReadyForRealCalls } from '../compliance/real-call-readiness';
import { readCallDetail } from './call-detail';
import type { Engine } from './engine-types';
import { rehearseCampaign } from './rehearsal';

/** The monitor's and the takeover console's calls, bound to the engine. */
export function callHandlers(context: AppContext, engine: Engine): HandlersOf<typeof callMethods> {
  const { clock } = context;
  const { takeover, summaries } = engine;

  /** The call as it stands after a change: the monitor hears of it too. */
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
      const reason = takeover.unavailableReason(attemptId);
      return readCallDetail(
        context.db,
        summaries.get(attemptId),
        reason ? { available: false, reason } : { available: true },
      );
    },

    async 'calls.takeOver'({ attemptId, agentName }, caller) {
      const session = await takeover.takeOver(attemptId, agentName, caller.clientId);
      return { ...summary(attemptId), session };
    },
    async 'calls.say'({ attemptId, text }, caller) {
      await takeover.say(attemptId, text, caller.clientId);
      return { ok: true as const };
    },
    async 'calls.handBack'({ attemptId, reason }, caller) {
      await takeover.handBack(attemptId, reason, caller.clientId);
      return summary(attemptId);
    },
    async 'calls.end'({ attemptId, disposition, notes }, caller) {
      await takeover.end(attemptId, disposition, notes, caller.clientId);
      return summary(attemptId);
    },
    async 'calls.hangUp'({ attemptId }) {
      await takeover.hangUp(attemptId);
      return { ok: true as const };
    },
  };
}
