import { and, asc, gt, sql } from 'drizzle-orm';
import { type AttemptState, isFinalState } from '../../shared/calls/attempt-states';
import { renderTemplate } from '../../shared/campaigns/script-template';
import type { CampaignProgress } from '../../shared/contract/calls';
import type { Campaign } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import { compileCriteria } from '../audience/compile-criteria';
import { eligibleCondition } from '../audience/eligibility';
import { getCampaign } from '../campaigns/campaign-store';
import { buildCustomerVariables } from '../campaigns/customer-variables';
import { transitionCampaign } from '../campaigns/transition-campaign';
import type { Clock, TimerHandle } from '../clock/clock';
import {
  consentSkipWarning,
  customersLackingConsent,
  demoCustomersIn,
  demoSkipWarning,
  realCallConsentCondition,
} from '../compliance/real-call-readiness';
import { groupCommitOf } from '../db/group-commit';
import type { Db } from '../db/open';
import { customers } from '../db/schema';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { TransientProviderError, type VoiceAgentProvider } from '../providers/provider';
import { type AttemptRow, createAttemptStore } from './attempt-store';
import { createCallFollower } from './call-follower';
import { createCallSummaries } from './call-summaries';
import { createDialRules } from './dial-rules';
import { createProviderHealth, isUnreachableError } from './provider-health';
import { createReconciler } from './reconciliation';
import { TokenBucket } from './token-bucket';
import { unknownZoneNotice, waitingReasonOf } from './waiting-reason';

export interface EngineDependencies {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  providers: Map<string, VoiceAgentProvider>;
  settings: () => Settings;
  /** How many due attempts may wait in a campaign's queue (tests make it small). */
  maxQueued?: number;
}

interface Runner {
  campaign: Campaign;
  bucket: TokenBucket;
  timer?: TimerHandle;
  wakeAt?: number;
  /** Highest customer id already queued for a first attempt: the audience is walked once, by id. */
  cursor: number;
  exhausted: boolean;
  live: Set<number>;
  /** What the supervisor should know while it runs (customers a real campaign leaves out). */
  notices: string[];
}

interface DueAttempt extends AttemptRow {
  timeZone: string;
  timeZones: string;
  regions: string;
  phone: string;
  consent: string;
  demo: number;
}

const minute = 60_000;
/** Queue customers ahead in batches; stop filling while this many are due and waiting for a line. */
const refillBatch = 200;
const maxQueued = 2_000;
/** Even with nothing to do, a running campaign looks again this often (new audience members, settings). */
const idleWake = 30_000;
/**
 * At high rates the pump waits for a few tokens rather than waking for each one: the calls it then
 * places share one commit. Never longer than the bucket takes to fill, so the rate is unchanged.
 */
const dialGroupMs = 1_000;
/** A dial the provider refused for now waits this long (or its Retry-After) before it is tried again. */
const providerRetryMs = 30_000;

export type Engine = ReturnType<typeof createEngine>;

/**
 * The campaign execution engine: turns a running campaign's audience into call attempts, paces them,
 * keeps them inside each customer's calling hours and the compliance rules, follows every call to its
 * end, retries what may be retried, and survives a crash without calling anyone twice.
 */
export function createEngine(deps: EngineDependencies) {
  const { db, clock, bus, logger } = deps;
  const store = createAttemptStore(db);
  const summaries = createCallSummaries(db);
  const runners = new Map<number, Runner>();
  /** Which client holds each taken-over call: only it may speak on or end the call. */
  const holders = new Map<number, string>();
  const unsubscribers: (() => void)[] = [];
  const c = db.$client;
  const groupCommit = groupCommitOf(c);

  const dueStmt = c.prepare(`select a.id, a.campaign_id as campaignId, a.customer_id as customerId,
      a.attempt_number as attemptNumber, a.idempotency_key as idempotencyKey, a.state, a.mode, a.provider,
      a.provider_call_id as providerCallId, a.to_number as toNumber, a.from_number as fromNumber, a.not_before as notBefore,
      a.dialed_at as dialedAt, a.held_by as heldBy, a.disposition,
      cu.time_zone as timeZone, cu.time_zones as timeZones, cu.regions, cu.phone, cu.consent, cu.demo
    from call_attempts a join customers cu on cu.id = a.customer_id
    where a.campaign_id = ? and a.state = 'queued' and a.not_before <= ?
    order by a.not_before, a.id limit ?`);
  // Existence and bounded counts: the pump runs after every call, and counting a 2,000-row queue each
  // time was most of the engine's own cost.
  const hasQueued = c
    .prepare("select exists (select 1 from call_attempts where campaign_id = ? and state = 'queued')")
    .pluck();
  const dueCount = c
    .prepare(`select count(*) from (select 1 from call_attempts
      where campaign_id = ? and state = 'queued' and not_before <= ? limit ?)`)
    .pluck();
  // The first entry of the queue index, not min(): min(coalesce(…)) read every queued row, and customers
  // waiting for their local morning can be tens of thousands.
  const earliestQueued = c
    .prepare(`select coalesce(not_before, 0) from call_attempts where campaign_id = ? and state = 'queued'
      order by not_before limit 1`)
    .pluck();
  const earliestWaiting = c.prepare(`select not_before as notBefore, attempt_number as attemptNumber
    from call_attempts where campaign_id = ? and state = 'queued' and not_before > ? order by not_before limit 1`);
  const firstCursor = c
    .prepare(
      'select coalesce(max(customer_id), 0) from call_attempts where campaign_id = ? and attempt_number = 1',
    )
    .pluck();
  const cancelQueued = c.prepare(`update call_attempts set state = 'cancelled', ended_at = ?, updated_at = ?
    where campaign_id = ? and state = 'queued' returning id`);
  const insertCancelEvent = c.prepare(
    "insert into call_events (attempt_id, at, type, from_state, to_state) values (?, ?, 'state', 'queued', 'cancelled')",
  );
  const waitingForZone = c
    .prepare(`select count(*) from call_attempts a join customers cu on cu.id = a.customer_id
      where a.campaign_id = ? and a.state = 'queued' and cu.time_zones = ''`)
    .pluck();
  const countsStmt = c.prepare(`select
      coalesce(sum(state = 'queued'), 0) as queued,
      coalesce(sum(state in ('dialing', 'ringing', 'in_progress', 'escalated')), 0) as live,
      coalesce(sum(state in ('completed', 'no_answer', 'busy', 'voicemail', 'failed', 'cancelled')), 0) as done,
      coalesce(sum(dialed_at >= ?), 0) as lastMinute
    from call_attempts where campaign_id = ?`);

  const health = createProviderHealth({
    clock,
    logger,
    providers: deps.providers,
    onChange(provider) {
      // Out, back, or ready for a trial dial: the campaigns dialling through it look again now.
      for (const runner of runners.values()) {
        if (runner.campaign.provider !== provider) continue;
        publishProgress(runner.campaign.id, true);
        if (runner.campaign.status === 'running') schedule(runner, clock.now());
      }
    },
  });

  const providerOf = (name: string) => {
    const provider = deps.providers.get(name);
    if (!provider) throw new AppError('unavailable', `The ${name} provider is not configured`);
    return provider;
  };

  // ---- events to the UI -------------------------------------------------------------------------

  /** The call's summary as it stands when the next batch goes out (read then, once). */
  const publishCall = (attemptId: number) => {
    bus.publishLatest('call.changed', String(attemptId), () => summaries.get(attemptId));
  };

  const progressOf = (campaignId: number): CampaignProgress => {
    const campaign = runners.get(campaignId)?.campaign ?? getCampaign(db, campaignId);
    const counts = countsStmt.get(clock.now() - minute, campaignId) as {
      queued: number;
      live: number;
      done: number;
      lastMinute: number;
    };
    const now = clock.now();
    const unknownZone = counts.queued > 0 ? (waitingForZone.get(campaignId) as number) : 0;
    return {
      campaignId,
      status: campaign.status,
      queued: counts.queued,
      live: counts.live,
      done: counts.done,
      callsPerMinute: counts.lastMinute,
      maxConcurrent: campaign.pacing.maxConcurrent,
      maxPerMinute: campaign.pacing.maxPerMinute,
      notices: [
        ...(runners.get(campaignId)?.notices ?? []),
        ...(unknownZone > 0 ? [unknownZoneNotice(unknownZone)] : []),
      ],
      ...waitingReasonOf({
        unknownZone,
        status: campaign.status,
        provider: campaign.provider,
        outage: health.outage(campaign.provider),
        live: counts.live,
        queued: counts.queued,
        dueNow: counts.queued > 0 && (dueCount.get(campaignId, now, 1) as number) > 0,
        earliest: earliestWaiting.get(campaignId, now) as
          | { notBefore: number; attemptNumber: number }
          | undefined,
        now,
      }),
    };
  };
  const lastProgressAt = new Map<number, number>();
  const publishProgress = (campaignId: number, force = false) => {
    if (!bus.hasSubscribers()) return;
    const now = clock.now();
    if (!force && now - (lastProgressAt.get(campaignId) ?? 0) < 500) return;
    lastProgressAt.set(campaignId, now);
    bus.publish('campaign.progress', progressOf(campaignId));
  };

  // ---- the pump: what to dial next -------------------------------------------------------------

  const schedule = (runner: Runner, at: number) => {
    if (runner.timer && runner.wakeAt !== undefined && runner.wakeAt <= at) return;
    if (runner.timer) clock.clearTimeout(runner.timer);
    runner.wakeAt = at;
    runner.timer = clock.setTimeout(
      () => {
        runner.timer = undefined;
        runner.wakeAt = undefined;
        pump(runner.campaign.id);
      },
      Math.max(0, at - clock.now()),
    );
  };

  /** Queues the next customers of the audience (eligible now) for their first attempt. */
  const refill = (runner: Runner, now: number, settings: Settings): number => {
    // Only attempts that are due count: customers waiting for their local morning must not stop the
    // campaign from reaching customers whose day has begun.
    const limit = deps.maxQueued ?? maxQueued;
    if (runner.exhausted || (dueCount.get(runner.campaign.id, now, limit) as number) >= limit) return 0;
    const { frequencyCapDays } = settings;
    const { provider, objective } = runner.campaign;
    const batch = db
      .select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(
        and(
          gt(customers.id, runner.cursor),
          compileCriteria(runner.campaign.criteria, now),
          eligibleCondition(now, frequencyCapDays),
          // Real calls also need the consent the objective asks for, and never go to demo customers
          // (fictional numbers); the simulator calls nobody.
          provider === 'simulator' ? undefined : realCallConsentCondition(objective),
          provider === 'simulator' ? undefined : sql`${customers.demo} = 0`,
        ),
      )
      .orderBy(asc(customers.id))
      .limit(refillBatch)
      .all();
    groupCommit.write(() => {
      for (const customer of batch) {
        store.enqueue({
          campaignId: runner.campaign.id,
          customerId: customer.id,
          attemptNumber: 1,
          provider: runner.campaign.provider,
          toNumber: customer.phone,
          fromNumber: runner.campaign.callerNumber,
          notBefore: null,
          now,
        });
      }
    });
    if (batch.length > 0) runner.cursor = batch[batch.length - 1].id;
    if (batch.length < refillBatch) runner.exhausted = true;
    return batch.length;
  };

  const dialBlock = createDialRules(db);

  const pump = (campaignId: number) => {
    const runner = runners.get(campaignId);
    if (runner?.campaign.status !== 'running') return;
    const now = clock.now();
    const { schedule: window, pacing } = runner.campaign;
    if (window.endAt !== null && now >= window.endAt) {
      finishCampaign(runner, 'completed');
      return;
    }
    // Read once per pump: settings come from the database and are validated on every read.
    const settings = deps.settings();
    let nextWake = now + idleWake;
    const tokenWake = () =>
      Math.max(runner.bucket.nextTokenAt(now), Math.min(runner.bucket.fullAt(now), now + dialGroupMs));
    const dials: DueAttempt[] = [];
    // Each pass dials, defers or cancels every due attempt it looks at, so the loop always progresses.
    const outage = health.outage(runner.campaign.provider);
    // While the provider cannot be reached nothing is dialled; its probe wakes the pump when it answers.
    dialling: while (runner.live.size < pacing.maxConcurrent && (!outage || outage.trial)) {
      const tokens = runner.bucket.available(now);
      if (tokens < 1) {
        nextWake = Math.min(nextWake, tokenWake());
        break;
      }
      // No more rows than could be dialled now: the bucket rarely holds more than a few tokens.
      const limit = Math.min(50, pacing.maxConcurrent - runner.live.size, Math.floor(tokens));
      const due = dueStmt.all(campaignId, now, limit) as DueAttempt[];
      if (due.length === 0) {
        if (refill(runner, now, settings) === 0) break;
        continue;
      }
      for (const attempt of due) {
        if (runner.live.size >= pacing.maxConcurrent) break dialling;
        const block = dialBlock(attempt, runner.campaign, now, settings);
        if (block && 'cancel' in block) {
          if (
            store.move(
              attempt.id,
              'queued',
              'cancelled',
              now,
              { endedAt: now, error: block.cancel },
              { reason: block.cancel },
            )
          ) {
            publishCall(attempt.id);
          }
        } else if (block) {
          // A wait always moves time forward: a rule answering "now" would have the pump take the same
          // attempt again and again without ever letting the clock (or SIGTERM) in.
          store.deferUntil(attempt.id, Math.max(block.wait, now + 1), now);
        } else if (!health.mayDial(runner.campaign.provider)) {
          break dialling;
        } else if (runner.bucket.tryTake(now)) {
          if (markDialing(runner, attempt, now)) dials.push(attempt);
        } else {
          nextWake = Math.min(nextWake, tokenWake());
          break dialling;
        }
      }
    }
    placeCalls(runner, dials, now, settings);
    const queued = hasQueued.get(campaignId) === 1;
    if (!queued && runner.live.size === 0 && runner.exhausted) {
      finishCampaign(runner, 'completed');
      return;
    }
    const earliest = earliestQueued.get(campaignId) as number | undefined;
    if (earliest !== undefined && earliest > now) nextWake = Math.min(nextWake, earliest);
    if (!outage && runner.live.size < pacing.maxConcurrent && queued && (earliest ?? 0) <= now) {
      nextWake = Math.min(nextWake, tokenWake());
    }
    schedule(runner, Math.max(nextWake, now + 1));
    publishProgress(campaignId);
  };

  /** The attempt leaves the queue: from here on it counts against the campaign's concurrency. */
  const markDialing = (runner: Runner, attempt: DueAttempt, now: number): boolean => {
    if (!store.markDialing(attempt, now)) return false;
    runner.live.add(attempt.id);
    publishCall(attempt.id);
    return true;
  };

  /**
   * Asks the provider to place the calls — only once their attempts are committed, so that after a
   * crash every call the provider may have placed has a row (and an idempotency key) to reconcile.
   */
  const placeCalls = (runner: Runner, dials: DueAttempt[], now: number, settings: Settings) => {
    if (dials.length === 0) return;
    groupCommit.flush();
    const { agentName, companyName, recordingDisclosure } = settings;
    const provider = providerOf(runner.campaign.provider);
    for (const attempt of dials) {
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
          agentId: runner.campaign.script.agentId || null,
          firstMessage: renderTemplate(runner.campaign.script.firstMessage, variables),
          variables,
          objective: runner.campaign.objective,
          customerTimeZone: attempt.timeZone,
        })
        .then(
          ({ callId }) => {
            health.succeeded(provider.name);
            store.setProviderCall(attempt.id, callId, clock.now());
          },
          (err: unknown) => placeCallFailed({ ...attempt, dialedAt: now }, provider, err),
        );
    }
  };

  /**
   * The provider did not confirm the call. If it may have placed it anyway (a timeout), ask it by the
   * idempotency key before deciding: the customer may already be ringing.
   */
  const placeCallFailed = async (attempt: DueAttempt, provider: VoiceAgentProvider, err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
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
      if (store.requeue(attempt.id, now, now + (retryAfterMs ?? providerRetryMs), message.slice(0, 500))) {
        const runner = runners.get(attempt.campaignId);
        if (runner) {
          runner.live.delete(attempt.id);
          schedule(runner, now);
        }
        publishCall(attempt.id);
      }
      return;
    }
    finalize(current, 'failed', { error: message.slice(0, 500) }, { providerError: true, retryAfterMs });
  };

  // ---- following calls -------------------------------------------------------------------------

  const finalize = (
    attempt: AttemptRow,
    to: AttemptState,
    patch: {
      endedAt?: number;
      durationSeconds?: number;
      costTelephony?: number;
      costAi?: number;
      error?: string;
      answeredAt?: number;
    },
    retry: { providerError?: boolean; retryAfterMs?: number } = {},
  ) => {
    const now = clock.now();
    let from = attempt.state;
    // A provider may report a finished conversation we never saw answered (events lost in a crash).
    if (to === 'completed' && (from === 'dialing' || from === 'ringing')) {
      if (store.move(attempt.id, from, 'in_progress', now, { answeredAt: patch.answeredAt ?? now }))
        from = 'in_progress';
    }
    if (!store.move(attempt.id, from, to, now, { endedAt: patch.endedAt ?? now, ...patch })) return;
    holders.delete(attempt.id);
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
      if (runner) schedule(runner, now + delay);
    }
    publishCall(attempt.id);
    // A freed line matters only when the lines were all busy (or this was the last call): otherwise the
    // pump is already waiting for its next token. Calls ending in the same instant share one pump.
    if (runner && (wasFull || runner.live.size === 0)) schedule(runner, now);
  };

  const { onProviderEvent, recordDisposition } = createCallFollower({
    db,
    clock,
    bus,
    store,
    summaries,
    groupCommit,
    campaignOf: (campaignId) => runners.get(campaignId)?.campaign ?? getCampaign(db, campaignId),
    finalize: (attempt, to, patch) => finalize(attempt, to, patch),
    publishCall,
  });

  // ---- campaign lifecycle ----------------------------------------------------------------------

  /** Counted when a campaign is opened, started or resumed: the audience may have changed meanwhile. */
  const noticesOf = (campaign: Campaign): string[] => {
    if (campaign.provider === 'simulator') return [];
    const { frequencyCapDays } = deps.settings();
    const skipped = customersLackingConsent(db, campaign, clock.now(), frequencyCapDays);
    const demo = demoCustomersIn(db, campaign, clock.now(), frequencyCapDays);
    return [
      ...(skipped > 0 ? [consentSkipWarning(skipped)] : []),
      ...(demo > 0 ? [demoSkipWarning(demo)] : []),
    ];
  };

  const openRunner = (campaign: Campaign): Runner => {
    const existing = runners.get(campaign.id);
    if (existing) {
      existing.campaign = campaign;
      existing.bucket.setRate(campaign.pacing.maxPerMinute);
      existing.notices = noticesOf(campaign);
      return existing;
    }
    const runner: Runner = {
      campaign,
      bucket: new TokenBucket(campaign.pacing.maxPerMinute, clock.now()),
      cursor: firstCursor.get(campaign.id) as number,
      exhausted: false,
      live: new Set(),
      notices: noticesOf(campaign),
    };
    runners.set(campaign.id, runner);
    return runner;
  };

  const closeRunner = (runner: Runner) => {
    if (runner.timer) clock.clearTimeout(runner.timer);
    runners.delete(runner.campaign.id);
  };

  const finishCampaign = (runner: Runner, status: 'completed' | 'cancelled') => {
    const now = clock.now();
    groupCommit.write(() => {
      const cancelled = cancelQueued.all(now, now, runner.campaign.id) as { id: number }[];
      for (const { id } of cancelled) insertCancelEvent.run(id, now);
      runner.campaign = transitionCampaign(db, runner.campaign.id, status, now);
    });
    // The outcome of the campaign and everything before it are on disk before anyone is told.
    groupCommit.flush();
    bus.publish('campaign.changed', { campaignId: runner.campaign.id, status });
    publishProgress(runner.campaign.id, true);
    if (runner.live.size === 0) closeRunner(runner);
    logger.info({ campaignId: runner.campaign.id, status }, 'campaign finished');
  };

  const setStatus = (runner: Runner, status: Campaign['status']) => {
    runner.campaign = groupCommit.write(() =>
      transitionCampaign(db, runner.campaign.id, status, clock.now()),
    );
    groupCommit.flush();
    bus.publish('campaign.changed', { campaignId: runner.campaign.id, status });
    publishProgress(runner.campaign.id, true);
  };

  // ---- crash recovery --------------------------------------------------------------------------

  const reconciler = createReconciler({
    db,
    clock,
    logger,
    providers: deps.providers,
    store,
    health,
    finalize: (attempt, to, patch) => finalize(attempt, to, patch),
    countAsLive: (campaignId, attemptId) => runners.get(campaignId)?.live.add(attemptId),
  });

  return {
    /** Picks up where the last run stopped: running campaigns resume after their live calls are reconciled. */
    async start() {
      for (const provider of deps.providers.values()) unsubscribers.push(provider.subscribe(onProviderEvent));
      const running = db
        .select({ id: sql<number>`id` })
        .from(sql`campaigns`)
        .where(sql`status in ('running', 'scheduled')`)
        .all() as { id: number }[];
      for (const { id } of running) openRunner(getCampaign(db, id));
      await reconciler.reconcile();
      for (const runner of [...runners.values()]) {
        if (runner.campaign.status === 'scheduled') scheduleStart(runner);
        else pump(runner.campaign.id);
      }
    },

    startCampaign(id: number) {
      const campaign = getCampaign(db, id);
      const runner = openRunner(campaign);
      if (
        campaign.schedule.startAt !== null &&
        campaign.schedule.startAt > clock.now() &&
        campaign.status === 'draft'
      ) {
        setStatus(runner, 'scheduled');
        scheduleStart(runner);
      } else {
        setStatus(runner, 'running');
        pump(id);
      }
      return { status: runner.campaign.status };
    },

    pauseCampaign(id: number) {
      const runner = runners.get(id) ?? openRunner(getCampaign(db, id));
      setStatus(runner, 'paused');
      if (runner.timer) clock.clearTimeout(runner.timer);
      runner.timer = undefined;
      return { status: runner.campaign.status };
    },

    resumeCampaign(id: number) {
      // Read again: what it may call (and what it leaves out) can have changed while it was paused.
      const runner = openRunner(getCampaign(db, id));
      setStatus(runner, 'running');
      pump(id);
      return { status: runner.campaign.status };
    },

    async stopCampaign(id: number, hangUpLiveCalls: boolean) {
      const runner = runners.get(id) ?? openRunner(getCampaign(db, id));
      const live = [...runner.live];
      finishCampaign(runner, 'cancelled');
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
    summaries,
    store,
    holders,
    providerOf,
    recordDisposition,
    publishCall,
    isRunning: (campaignId: number) => runners.has(campaignId),
    /** True while any campaign still has work or live calls. */
    busy: () => runners.size > 0,

    async close() {
      for (const runner of runners.values()) if (runner.timer) clock.clearTimeout(runner.timer);
      runners.clear();
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      health.close();
      reconciler.close();
      groupCommit.close();
    },
  };

  function scheduleStart(runner: Runner) {
    const at = runner.campaign.schedule.startAt ?? clock.now();
    runner.timer = clock.setTimeout(
      () => {
        runner.timer = undefined;
        setStatus(runner, 'running');
        pump(runner.campaign.id);
      },
      Math.max(0, at - clock.now()),
    );
  }
}
