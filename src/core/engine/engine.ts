import { AppError } from '../../shared/errors';
import { getCampaign } from '../campaigns/campaign-store';
import { groupCommitOf } from '../db/group-commit';
import type { ProviderEvent } from '../providers/provider';
import { createAttemptStore } from './attempt-store';
import { createCallSummaries } from './call-summaries';
import { createCampaignControls } from './campaign-controls';
import { createCampaignOwnership } from './campaign-ownership';
import { createProgressReporter } from './campaign-progress';
import { createDialRules } from './dial-rules';
import { createDialing } from './dialing';
import { createEngineFailures } from './engine-failures';
import type { Engine, EngineDependencies, Runner } from './engine-types';
import { createAttemptFinalizer } from './finalize-attempt';
import { createPreparedQueries } from './prepared-queries';
import { createProcessWatch } from './process-watch';
import { createProviderEventFollower } from './provider-event-follower';
import { createProviderHealth } from './provider-health';
import { createReconciler } from './reconciliation';
import { createRunnerLifecycle } from './runner-lifecycle';
import { createRunnerPump } from './runner-pump';
import { createRunnerRefill } from './runner-refill';
import { createStorageHealth } from './storage-health';
import { createTakeover } from './takeover';

export type { Engine, EngineDependencies } from './engine-types';

/**
 * The campaign execution engine: turns a running campaign's audience into call attempts, paces them,
 * keeps them inside each customer's calling hours and the compliance rules, follows every call to its
 * end, retries what may be retried, and survives a crash without calling anyone twice. Several
 * processes may open one database: each running campaign is dialled by the one engine holding its
 * lease, and a pause written by any of them stops the dialling within a second.
 *
 * This function only wires the parts: the runner (lifecycle, refill, pump), dialing, finalising an
 * attempt, following provider events, takeover, reconciliation, and the prepared queries they share.
 */
export function createEngine(deps: EngineDependencies): Engine {
  const { db, clock, bus, logger } = deps;
  const wallClock = deps.wallClock ?? Date.now;
  const redact = deps.redact ?? ((text: string) => text);
  const store = createAttemptStore(db);
  const summaries = createCallSummaries(db);
  const unsubscribers: (() => void)[] = [];
  const groupCommit = groupCommitOf(db.$client);
  const queries = createPreparedQueries(db.$client);
  const ownership = createCampaignOwnership(db, wallClock, deps.ownerName ?? 'navaia');

  const providerOf = (name: string) => {
    const provider = deps.providers.get(name);
    if (!provider) throw new AppError('unavailable', `The ${name} provider is not configured`);
    return provider;
  };
  /** The call's summary as it stands when the next batch goes out (read then, once). */
  const publishCall = (attemptId: number) => {
    bus.publishLatest('call.changed', String(attemptId), () => summaries.get(attemptId));
  };
  const { failed, failedOutside } = createEngineFailures({
    clock,
    logger,
    storage: () => storage,
    lifecycle: () => lifecycle,
    schedule: (runner, at) => pump.schedule(runner, at),
  });
  groupCommit.onFailure(failedOutside);
  const runAgain = () => {
    for (const runner of runners.values())
      if (runner.campaign.status === 'running') pump.schedule(runner, clock.now());
  };

  const health = createProviderHealth({
    clock,
    logger,
    providers: deps.providers,
    redact,
    onChange(provider) {
      // Out, back, or ready for a trial dial: the campaigns dialling through it look again now.
      for (const runner of runners.values()) {
        if (runner.campaign.provider !== provider) continue;
        publishProgress(runner.campaign.id, true);
        if (runner.campaign.status === 'running') pump.schedule(runner, clock.now());
      }
    },
  });
  const storage = createStorageHealth({
    client: db.$client,
    logger,
    wallClock,
    onChange(outage) {
      for (const runner of runners.values()) {
        if (outage) lifecycle.stopTimer(runner);
        publishProgress(runner.campaign.id, true);
      }
      // Events of calls that ended while nothing could be written were not recorded: ask about them.
      if (!outage) void reconciler.reconcile().then(runAgain, failedOutside);
    },
  });

  const lifecycle = createRunnerLifecycle({
    db,
    clock,
    bus,
    logger,
    groupCommit,
    statements: queries,
    ownership,
    settings: deps.settings,
    publishProgress: (id, force) => publishProgress(id, force),
  });
  const { runners } = lifecycle;
  const { progressOf, publishProgress } = createProgressReporter({
    db,
    clock,
    bus,
    runners,
    statements: queries,
    health,
    storage,
  });

  /** This engine may dial the campaign: the disk can be written and it holds (or can take) the lease. */
  const mayRun = (runner: Runner) => {
    if (storage.outage()) return false;
    if (!runner.owned && ownership.acquire(runner.campaign.id)) {
      // Newly the owner: calls another engine left live (it may have crashed) are asked about first.
      runner.owned = true;
      void reconciler.reconcile(undefined, runner.campaign.id).catch(failedOutside);
    }
    return runner.owned;
  };

  const follower = createProviderEventFollower({
    db,
    clock,
    bus,
    store,
    summaries,
    groupCommit,
    campaignOf: (campaignId) => runners.get(campaignId)?.campaign ?? getCampaign(db, campaignId),
    finalize: (attempt, to, patch) => finalizer.finalize(attempt, to, patch),
    publishCall,
    releaseHolder: (attemptId) => takeover.release(attemptId),
  });
  const takeover = createTakeover({
    db,
    clock,
    bus,
    store,
    providerOf,
    redact,
    recordDisposition: follower.recordDisposition,
  });
  const finalizer = createAttemptFinalizer({
    db,
    clock,
    store,
    health,
    runners,
    releaseHolder: takeover.release,
    schedule: (runner, at) => pump.schedule(runner, at),
    closeRunner: (runner) => lifecycle.close(runner),
    publishCall,
    askLater: (attemptId) => reconciler.askLater(attemptId),
    redact,
  });
  const dialing = createDialing({
    db,
    clock,
    store,
    groupCommit,
    health,
    providerOf,
    publishCall,
    placeCallFailed: finalizer.placeCallFailed,
    notPlaced: finalizer.notPlaced,
    failed,
  });
  const pump = createRunnerPump({
    clock,
    store,
    queries,
    health,
    runners,
    settings: deps.settings,
    refill: createRunnerRefill({ db, store, groupCommit, queries, maxQueued: deps.maxQueued }),
    dialing,
    dialBlock: createDialRules(db),
    publishCall,
    publishProgress,
    mayRun,
    finish: (runner, status) => lifecycle.finish(runner, status),
    failed,
  });
  const followEvent = (event: ProviderEvent) => {
    try {
      follower.onProviderEvent(event);
    } catch (err) {
      failed(runners.get(store.get(event.attemptId)?.campaignId ?? -1), err);
    }
  };

  const reconciler = createReconciler({
    db,
    clock,
    logger,
    providers: deps.providers,
    store,
    health,
    finalize: (attempt, to, patch) => finalizer.finalize(attempt, to, patch),
    countAsLive: (campaignId, attemptId) => runners.get(campaignId)?.live.add(attemptId),
    // Calls of a campaign another live process dials are that process's to follow.
    mayReconcile: (campaignId) => !ownership.heldElsewhere(campaignId),
    failed: failedOutside,
  });
  const watch = createProcessWatch({
    db,
    clock,
    wallClock,
    logger,
    queries,
    lifecycle,
    ownership,
    storageOutage: storage.outage,
    mayRun,
    schedule: pump.schedule,
    publishProgress,
    failed,
  });

  const controls = createCampaignControls({
    db,
    clock,
    logger,
    store,
    lifecycle,
    pump,
    ownership,
    providerOf,
    reconcile: () => reconciler.reconcile(),
    failed,
  });

  return {
    async start() {
      for (const provider of deps.providers.values()) unsubscribers.push(provider.subscribe(followEvent));
      await controls.resumeAfterRestart();
      watch.start();
    },
    startCampaign: controls.startCampaign,
    pauseCampaign: controls.pauseCampaign,
    resumeCampaign: controls.resumeCampaign,
    stopCampaign: controls.stopCampaign,
    progress: progressOf,
    providerOutage: health.outage,
    storageOutage: storage.outage,
    ownedElsewhere: ownership.heldElsewhere,
    providerOf,
    takeover,
    summaries,
    publishCall,
    isRunning: (campaignId) => runners.has(campaignId),
    busy: () => runners.size > 0,

    async close() {
      watch.stop();
      for (const runner of runners.values()) lifecycle.stopTimer(runner);
      runners.clear();
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      health.close();
      storage.close();
      reconciler.close();
      try {
        ownership.releaseAll();
        groupCommit.close();
      } catch (err) {
        // Nothing more can be written (a full disk): the leases expire by themselves.
        logger.error({ err }, 'could not write the last records while closing');
      }
    },
  };
}
