import { sql } from 'drizzle-orm';
import { AppError, errorMessage } from '../../shared/errors';
import { getCampaign } from '../campaigns/campaign-store';
import { groupCommitOf } from '../db/group-commit';
import type { ProviderEvent } from '../providers/provider';
import { createAttemptStore } from './attempt-store';
import { createCallEndings } from './call-endings';
import { createCallFollower } from './call-follower';
import { createCallSummaries } from './call-summaries';
import { createCampaignOwnership, leaseMs } from './campaign-ownership';
import { createProgressReporter } from './campaign-progress';
import { createCampaignRunners } from './campaign-runners';
import { createDiallingPump } from './dialling-pump';
import type { EngineDependencies, Runner } from './engine-types';
import { createProviderHealth } from './provider-health';
import { createQueueStatements } from './queue-statements';
import { createReconciler } from './reconciliation';
import { createStorageHealth, isBusyError, isStorageError } from './storage-health';

export type { EngineDependencies } from './engine-types';
export type Engine = ReturnType<typeof createEngine>;

/** How often the engine looks at what other processes wrote (a pause from the CLI) and renews its leases. */
const watchEveryMs = 500;
/** Another process held the write lock past the busy timeout: the pass is tried again after this. */
const busyRetryMs = 1_000;

/**
 * The campaign execution engine: turns a running campaign's audience into call attempts, paces them,
 * keeps them inside each customer's calling hours and the compliance rules, follows every call to its
 * end, retries what may be retried, and survives a crash without calling anyone twice. Several
 * processes may open one database: each running campaign is dialled by the one engine holding its
 * lease, and a pause written by any of them stops the dialling within a second.
 */
export function createEngine(deps: EngineDependencies) {
  const { db, clock, bus, logger } = deps;
  const wallClock = deps.wallClock ?? Date.now;
  const redact = deps.redact ?? ((text: string) => text);
  const store = createAttemptStore(db);
  const summaries = createCallSummaries(db);
  /** Which client holds each taken-over call: only it may speak on or end the call. */
  const holders = new Map<number, string>();
  const unsubscribers: (() => void)[] = [];
  const groupCommit = groupCommitOf(db.$client);
  const statements = createQueueStatements(db.$client);
  const ownership = createCampaignOwnership(db, wallClock, deps.ownerName ?? 'navaia');

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
        if (runner.campaign.status === 'running') pumping.schedule(runner, clock.now());
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
      if (outage) return;
      // Events of calls that ended while nothing could be written were not recorded: ask about them.
      void reconciler.reconcile().then(() => {
        for (const runner of runners.values())
          if (runner.campaign.status === 'running') pumping.schedule(runner, clock.now());
      }, failedOutside);
    },
  });

  const providerOf = (name: string) => {
    const provider = deps.providers.get(name);
    if (!provider) throw new AppError('unavailable', `The ${name} provider is not configured`);
    return provider;
  };

  /** The call's summary as it stands when the next batch goes out (read then, once). */
  const publishCall = (attemptId: number) => {
    bus.publishLatest('call.changed', String(attemptId), () => summaries.get(attemptId));
  };

  const lifecycle = createCampaignRunners({
    db,
    clock,
    bus,
    logger,
    groupCommit,
    statements,
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
    statements,
    health,
    storage,
  });

  // ---- failures: never up a timer, always to someone who can act ------------------------------------

  /**
   * What went wrong while working on a campaign: a full disk stops all dialling until it can be written
   * again; a lock held by another process is waited out; anything else about the campaign (its audience
   * cannot be read) pauses that campaign with the reason, leaving the others running.
   */
  const failed = (runner: Runner | undefined, err: unknown) => {
    if (isStorageError(err)) return storage.failed(err);
    if (isBusyError(err)) {
      logger.warn({ err, campaignId: runner?.campaign.id }, 'the database is busy; trying again shortly');
      if (runner?.campaign.status === 'running') pumping.schedule(runner, clock.now() + busyRetryMs);
      return;
    }
    if (!runner) return logger.error({ err }, 'the engine failed to record something');
    const why = err instanceof AppError ? err.message : 'an unexpected error (details are in the log)';
    logger.error({ err, campaignId: runner.campaign.id }, 'campaign paused after an error');
    try {
      lifecycle.setStatus(runner, 'paused', `Navaia paused this campaign: ${why}. Correct it, then resume.`);
    } catch (pauseErr) {
      lifecycle.stopTimer(runner);
      if (isStorageError(pauseErr)) storage.failed(pauseErr);
      else logger.error({ err: pauseErr, campaignId: runner.campaign.id }, 'could not pause the campaign');
    }
  };
  const failedOutside = (err: unknown) => failed(undefined, err);
  groupCommit.onFailure(failedOutside);

  /** This engine may dial the campaign: the disk can be written and it holds (or can take) the lease. */
  const mayRun = (runner: Runner) => {
    if (storage.outage()) return false;
    if (!runner.owned && ownership.acquire(runner.campaign.id)) owned(runner);
    return runner.owned;
  };
  /** Newly the owner: calls another engine left live (it may have crashed) are asked about first. */
  const owned = (runner: Runner) => {
    runner.owned = true;
    void reconciler.reconcile(undefined, runner.campaign.id).catch(failedOutside);
  };

  const endings = createCallEndings({
    db,
    clock,
    store,
    health,
    runners,
    holders,
    schedule: (runner, at) => pumping.schedule(runner, at),
    closeRunner: (runner) => lifecycle.close(runner),
    publishCall,
    redact,
  });
  const pumping = createDiallingPump({
    db,
    clock,
    store,
    groupCommit,
    statements,
    health,
    runners,
    settings: deps.settings,
    maxQueued: deps.maxQueued,
    providerOf,
    publishCall,
    publishProgress,
    mayRun,
    finish: (runner, status) => lifecycle.finish(runner, status),
    placeCallFailed: endings.placeCallFailed,
    failed,
  });

  const { onProviderEvent, recordDisposition } = createCallFollower({
    db,
    clock,
    bus,
    store,
    summaries,
    groupCommit,
    campaignOf: (campaignId) => runners.get(campaignId)?.campaign ?? getCampaign(db, campaignId),
    finalize: (attempt, to, patch) => endings.finalize(attempt, to, patch),
    publishCall,
    releaseHolder: (attemptId) => holders.delete(attemptId),
  });
  const followEvent = (event: ProviderEvent) => {
    try {
      onProviderEvent(event);
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
    finalize: (attempt, to, patch) => endings.finalize(attempt, to, patch),
    countAsLive: (campaignId, attemptId) => runners.get(campaignId)?.live.add(attemptId),
    // Calls of a campaign another live process dials are that process's to follow.
    mayReconcile: (campaignId) => !ownership.heldElsewhere(campaignId),
    failed: failedOutside,
  });

  // ---- what other processes do: statuses they write, leases they hold ------------------------------

  const renewedAt = new Map<number, number>();
  const watchOne = (runner: Runner) => {
    const id = runner.campaign.id;
    const row = statements.status.get(id) as { status: string; statusReason: string | null } | undefined;
    if (!row) return lifecycle.close(runner);
    if (row.status !== runner.campaign.status || row.statusReason !== runner.campaign.statusReason) {
      // Paused, resumed or stopped by another process: follow it, within one watch.
      runner.campaign = getCampaign(db, id);
      if (row.status !== 'running') lifecycle.stopTimer(runner);
      lifecycle.told(runner);
      if (row.status === 'completed' || row.status === 'cancelled') {
        if (runner.live.size === 0) lifecycle.close(runner);
        return;
      }
      if (row.status === 'running' && runner.owned) pumping.schedule(runner, clock.now());
    }
    if (runner.owned) {
      if (wallClock() - (renewedAt.get(id) ?? 0) < leaseMs / 5) return;
      renewedAt.set(id, wallClock());
      if (ownership.renew(id)) return;
      // Lost (this process stalled past the lease, another took over): this engine stops dialling it.
      logger.warn({ campaignId: id }, 'another process took this campaign over');
      runner.owned = false;
      lifecycle.stopTimer(runner);
      publishProgress(id, true);
    } else if (runner.campaign.status === 'running' && mayRun(runner)) {
      pumping.schedule(runner, clock.now());
      publishProgress(id, true);
    }
  };
  let watchTimer: NodeJS.Timeout | undefined;
  const watch = () => {
    if (storage.outage()) return;
    for (const runner of [...runners.values()]) {
      try {
        watchOne(runner);
      } catch (err) {
        failed(runner, err);
      }
    }
  };

  /** A campaign whose stored settings no longer read (written by an older version) is paused, not fatal. */
  const pauseUnreadable = (id: number, err: unknown) => {
    logger.error({ err, campaignId: id }, 'a running campaign cannot be read; it is paused');
    const reason = `Navaia paused this campaign: its settings cannot be read (${errorMessage(err)}).`;
    db.$client
      .prepare(
        "update campaigns set status = 'paused', status_reason = ? where id = ? and status in ('running', 'scheduled')",
      )
      .run(reason.slice(0, 1000), id);
  };

  function scheduleStart(runner: Runner) {
    const at = runner.campaign.schedule.startAt ?? clock.now();
    runner.timer = clock.setTimeout(
      () => {
        runner.timer = undefined;
        try {
          lifecycle.setStatus(runner, 'running');
          pumping.pump(runner.campaign.id);
        } catch (err) {
          failed(runner, err);
        }
      },
      Math.max(0, at - clock.now()),
    );
  }

  return {
    /** Picks up where the last run stopped: running campaigns resume after their live calls are reconciled. */
    async start() {
      for (const provider of deps.providers.values()) unsubscribers.push(provider.subscribe(followEvent));
      const running = db
        .select({ id: sql<number>`id` })
        .from(sql`campaigns`)
        .where(sql`status in ('running', 'scheduled')`)
        .all() as { id: number }[];
      for (const { id } of running) {
        try {
          const runner = lifecycle.open(getCampaign(db, id));
          runner.owned = ownership.acquire(id);
        } catch (err) {
          pauseUnreadable(id, err);
        }
      }
      await reconciler.reconcile();
      for (const runner of [...runners.values()]) {
        if (runner.campaign.status === 'scheduled') scheduleStart(runner);
        else pumping.pump(runner.campaign.id);
      }
      watchTimer = setInterval(watch, watchEveryMs).unref();
    },

    startCampaign(id: number) {
      const campaign = getCampaign(db, id);
      const runner = lifecycle.open(campaign);
      if (
        campaign.schedule.startAt !== null &&
        campaign.schedule.startAt > clock.now() &&
        campaign.status === 'draft'
      ) {
        lifecycle.setStatus(runner, 'scheduled');
        scheduleStart(runner);
      } else {
        lifecycle.setStatus(runner, 'running');
        pumping.pump(id);
      }
      return { status: runner.campaign.status };
    },

    pauseCampaign(id: number) {
      const runner = runners.get(id) ?? lifecycle.open(getCampaign(db, id));
      lifecycle.setStatus(runner, 'paused');
      return { status: runner.campaign.status };
    },

    resumeCampaign(id: number) {
      // Read again: what it may call (and what it leaves out) can have changed while it was paused.
      const runner = lifecycle.open(getCampaign(db, id));
      lifecycle.setStatus(runner, 'running');
      pumping.pump(id);
      return { status: runner.campaign.status };
    },

    async stopCampaign(id: number, hangUpLiveCalls: boolean) {
      const runner = runners.get(id) ?? lifecycle.open(getCampaign(db, id));
      const live = [...runner.live];
      lifecycle.finish(runner, 'cancelled');
      if (hangUpLiveCalls) {
        for (const attemptId of live) {
          const attempt = store.get(attemptId);
          if (attempt?.providerCallId)
            await providerOf(attempt.provider)
              .hangUp(attempt.providerCallId)
              .catch(() => {});
        }
      }
      return { status: runner.campaign.status };
    },

    progress: progressOf,
    /** Whether the engine has stopped dialling through a provider it cannot reach. */
    providerOutage: health.outage,
    /** Whether the engine has stopped dialling because the database cannot be written (a full disk). */
    storageOutage: storage.outage,
    /** Another process's live lease on the campaign (it dials it), if any. */
    ownedElsewhere: ownership.heldElsewhere,
    summaries,
    store,
    holders,
    providerOf,
    recordDisposition,
    publishCall,
    redact,
    isRunning: (campaignId: number) => runners.has(campaignId),
    /** True while any campaign still has work or live calls. */
    busy: () => runners.size > 0,

    async close() {
      if (watchTimer) clearInterval(watchTimer);
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
