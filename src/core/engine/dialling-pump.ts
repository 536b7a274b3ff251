import { and, asc, gt, sql } from 'drizzle-orm';
import { renderTemplate } from '../../shared/campaigns/script-template';
import type { Settings } from '../../shared/contract/settings';
import { compileCriteria } from '../audience/compile-criteria';
import { eligibleCondition } from '../audience/eligibility';
import { buildCustomerVariables } from '../campaigns/customer-variables';
import type { Clock } from '../clock/clock';
import { realCallConsentCondition } from '../compliance/real-call-readiness';
import type { GroupCommit } from '../db/group-commit';
import type { Db } from '../db/open';
import { customers } from '../db/schema';
import type { VoiceAgentProvider } from '../providers/provider';
import type { AttemptStore } from './attempt-store';
import { createDialRules } from './dial-rules';
import type { DueAttempt, Runner } from './engine-types';
import type { ProviderHealth } from './provider-health';
import type { QueueStatements } from './queue-statements';

/** Queue customers ahead in batches; stop filling while this many are due and waiting for a line. */
const refillBatch = 200;
const defaultMaxQueued = 2_000;
/** Even with nothing to do, a running campaign looks again this often (new audience members, settings). */
const idleWake = 30_000;
/**
 * At high rates the pump waits for a few tokens rather than waking for each one: the calls it then
 * places share one commit. Never longer than the bucket takes to fill, so the rate is unchanged.
 */
const dialGroupMs = 1_000;

/**
 * The pump: what a running campaign dials next. Each pass dials, defers or cancels every due attempt it
 * looks at (so it always progresses), refills the queue from the audience, places the calls once their
 * attempts are on disk, and schedules itself for the next token, opening or retry.
 */
export function createDiallingPump(deps: {
  db: Db;
  clock: Clock;
  store: AttemptStore;
  groupCommit: GroupCommit;
  statements: QueueStatements;
  health: ProviderHealth;
  runners: Map<number, Runner>;
  settings: () => Settings;
  maxQueued?: number;
  providerOf: (name: string) => VoiceAgentProvider;
  publishCall: (attemptId: number) => void;
  publishProgress: (campaignId: number) => void;
  /** Whether this engine may dial the campaign now (it owns it, and the disk can be written). */
  mayRun: (runner: Runner) => boolean;
  finish: (runner: Runner, status: 'completed') => void;
  placeCallFailed: (attempt: DueAttempt, provider: VoiceAgentProvider, err: unknown) => Promise<void>;
  /** A pass that threw: the engine decides (wait for the disk, try again, or pause the campaign). */
  failed: (runner: Runner, err: unknown) => void;
}) {
  const { db, clock, store, groupCommit, statements: q, health, runners } = deps;
  const dialBlock = createDialRules(db);

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
    const limit = deps.maxQueued ?? defaultMaxQueued;
    if (runner.exhausted || (q.dueCount.get(runner.campaign.id, now, limit) as number) >= limit) return 0;
    const { provider, objective } = runner.campaign;
    const batch = db
      .select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(
        and(
          gt(customers.id, runner.cursor),
          compileCriteria(runner.campaign.criteria, now),
          eligibleCondition(now, settings.frequencyCapDays),
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

  /** One pass; a failure (the disk, the audience's criteria) goes to the engine, never up a timer. */
  const pump = (campaignId: number) => {
    const runner = runners.get(campaignId);
    if (runner?.campaign.status !== 'running' || !deps.mayRun(runner)) return;
    try {
      pass(runner);
    } catch (err) {
      deps.failed(runner, err);
    }
  };

  const pass = (runner: Runner) => {
    const campaignId = runner.campaign.id;
    const now = clock.now();
    const { schedule: window, pacing } = runner.campaign;
    if (window.endAt !== null && now >= window.endAt) {
      deps.finish(runner, 'completed');
      return;
    }
    // Read once per pump: settings come from the database and are validated on every read.
    const settings = deps.settings();
    let nextWake = now + idleWake;
    const tokenWake = () =>
      Math.max(runner.bucket.nextTokenAt(now), Math.min(runner.bucket.fullAt(now), now + dialGroupMs));
    const dials: DueAttempt[] = [];
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
      const due = q.due.all(campaignId, now, limit) as DueAttempt[];
      if (due.length === 0) {
        if (refill(runner, now, settings) === 0) break;
        continue;
      }
      for (const attempt of due) {
        if (runner.live.size >= pacing.maxConcurrent) break dialling;
        const block = dialBlock(attempt, runner.campaign, now, settings);
        if (block && 'cancel' in block) {
          const patch = { endedAt: now, error: block.cancel };
          if (store.move(attempt.id, 'queued', 'cancelled', now, patch, { reason: block.cancel }))
            deps.publishCall(attempt.id);
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
    const queued = q.hasQueued.get(campaignId) === 1;
    if (!queued && runner.live.size === 0 && runner.exhausted) {
      deps.finish(runner, 'completed');
      return;
    }
    const earliest = q.earliestQueued.get(campaignId) as number | undefined;
    if (earliest !== undefined && earliest > now) nextWake = Math.min(nextWake, earliest);
    if (!outage && runner.live.size < pacing.maxConcurrent && queued && (earliest ?? 0) <= now) {
      nextWake = Math.min(nextWake, tokenWake());
    }
    schedule(runner, Math.max(nextWake, now + 1));
    deps.publishProgress(campaignId);
  };

  /** The attempt leaves the queue: from here on it counts against the campaign's concurrency. */
  const markDialing = (runner: Runner, attempt: DueAttempt, now: number): boolean => {
    if (!store.markDialing(attempt, now)) return false;
    runner.live.add(attempt.id);
    deps.publishCall(attempt.id);
    return true;
  };

  /**
   * Asks the provider to place the calls — only once their attempts are committed, so that after a
   * crash every call the provider may have placed has a row (and an idempotency key) to reconcile.
   */
  const placeCalls = (runner: Runner, dials: DueAttempt[], now: number, settings: Settings) => {
    if (dials.length === 0) return;
    groupCommit.flush();
    const { agentName, companyName, recordCalls } = settings;
    const { script } = runner.campaign;
    // Nothing to disclose while calls are not recorded: the template's disclosure reads as nothing.
    const recordingDisclosure = recordCalls ? settings.recordingDisclosure : '';
    const provider = deps.providerOf(runner.campaign.provider);
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
    }
  };

  return { pump, schedule };
}

export type DiallingPump = ReturnType<typeof createDiallingPump>;
