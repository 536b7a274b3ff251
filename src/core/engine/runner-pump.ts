import type { Settings } from '../../shared/contract/settings';
import type { Clock } from '../clock/clock';
import type { AttemptStore } from './attempt-store';
import type { DialBlock } from './dial-rules';
import type { Dialing } from './dialing';
import type { DueAttempt, Runner } from './engine-types';
import type { PreparedQueries } from './prepared-queries';
import type { ProviderHealth } from './provider-health';
import type { Refill } from './runner-refill';

/** Even with nothing to do, a running campaign looks again this often (new audience members, settings). */
const idleWake = 30_000;
/**
 * At high rates the pump waits for a few tokens rather than waking for each one: the calls it then
 * places share one commit. Never longer than the bucket takes to fill, so the rate is unchanged.
 */
const dialGroupMs = 1_000;

export interface RunnerPump {
  /** One pass over a running campaign now; a failure goes to the engine, never up a timer. */
  pump(campaignId: number): void;
  /** Wakes the campaign's pump at `at` (or earlier, if it is already due earlier). */
  schedule(runner: Runner, at: number): void;
}

/**
 * The runner's pump: what a running campaign dials next. Each pass dials, defers or cancels every due
 * attempt it looks at (so it always progresses), refills the queue from the audience, places the calls
 * once their attempts are on disk, and schedules itself for the next token, opening or retry.
 */
export function createRunnerPump(deps: {
  clock: Clock;
  store: AttemptStore;
  queries: PreparedQueries;
  health: ProviderHealth;
  runners: Map<number, Runner>;
  settings: () => Settings;
  refill: Refill;
  dialing: Dialing;
  dialBlock: (
    attempt: DueAttempt,
    campaign: Runner['campaign'],
    now: number,
    settings: Settings,
  ) => DialBlock;
  publishCall: (attemptId: number) => void;
  publishProgress: (campaignId: number) => void;
  /** Whether this engine may dial the campaign now (it owns it, and the disk can be written). */
  mayRun: (runner: Runner) => boolean;
  finish: (runner: Runner, status: 'completed') => void;
  /** A pass that threw: the engine decides (wait for the disk, try again, or pause the campaign). */
  failed: (runner: Runner, err: unknown) => void;
}): RunnerPump {
  const { clock, store, queries: q, health, runners, dialing } = deps;

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
        if (deps.refill(runner, now, settings) === 0) break;
        continue;
      }
      for (const attempt of due) {
        if (runner.live.size >= pacing.maxConcurrent) break dialling;
        const block = deps.dialBlock(attempt, runner.campaign, now, settings);
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
          if (dialing.markDialing(runner, attempt, now)) dials.push(attempt);
        } else {
          nextWake = Math.min(nextWake, tokenWake());
          break dialling;
        }
      }
    }
    dialing.placeCalls(runner, dials, now, settings);
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

  return { pump, schedule };
}
