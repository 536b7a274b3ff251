import { sql } from 'drizzle-orm';
import type { Campaign } from '../../shared/contract/campaigns';
import { errorMessage } from '../../shared/errors';
import { getCampaign } from '../campaigns/campaign-store';
import type { Clock } from '../clock/clock';
import type { Db } from '../db/open';
import type { Logger } from '../logging/logger';
import type { VoiceAgentProvider } from '../providers/provider';
import type { AttemptStore } from './attempt-store';
import type { CampaignOwnership } from './campaign-ownership';
import type { Runner } from './engine-types';
import type { RunnerLifecycle } from './runner-lifecycle';
import type { RunnerPump } from './runner-pump';

type StatusAnswer = { status: Campaign['status'] };

/**
 * What a supervisor (or the engine's own start-up) does to campaigns: start or schedule, pause, resume,
 * stop, and pick up the campaigns a previous run left running.
 */
export function createCampaignControls(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  store: AttemptStore;
  lifecycle: RunnerLifecycle;
  pump: RunnerPump;
  ownership: CampaignOwnership;
  providerOf: (name: string) => VoiceAgentProvider;
  /** Asks providers about calls a previous run left live, before anything is dialled. */
  reconcile: () => Promise<void>;
  failed: (runner: Runner, err: unknown) => void;
}) {
  const { db, clock, lifecycle, pump } = deps;
  const { runners } = lifecycle;

  /** A campaign whose stored settings no longer read (written by an older version) is paused, not fatal. */
  const pauseUnreadable = (id: number, err: unknown) => {
    deps.logger.error({ err, campaignId: id }, 'a running campaign cannot be read; it is paused');
    const reason = `Navaia paused this campaign: its settings cannot be read (${errorMessage(err)}).`;
    db.$client
      .prepare(
        "update campaigns set status = 'paused', status_reason = ? where id = ? and status in ('running', 'scheduled')",
      )
      .run(reason.slice(0, 1000), id);
  };

  const scheduleStart = (runner: Runner) => {
    const at = runner.campaign.schedule.startAt ?? clock.now();
    runner.timer = clock.setTimeout(
      () => {
        runner.timer = undefined;
        try {
          lifecycle.setStatus(runner, 'running');
          pump.pump(runner.campaign.id);
        } catch (err) {
          deps.failed(runner, err);
        }
      },
      Math.max(0, at - clock.now()),
    );
  };

  return {
    /** Picks up where the last run stopped: running campaigns resume after their live calls are reconciled. */
    async resumeAfterRestart(): Promise<void> {
      const running = db
        .select({ id: sql<number>`id` })
        .from(sql`campaigns`)
        .where(sql`status in ('running', 'scheduled')`)
        .all() as { id: number }[];
      for (const { id } of running) {
        try {
          const runner = lifecycle.open(getCampaign(db, id));
          runner.owned = deps.ownership.acquire(id);
        } catch (err) {
          pauseUnreadable(id, err);
        }
      }
      await deps.reconcile();
      for (const runner of [...runners.values()]) {
        if (runner.campaign.status === 'scheduled') scheduleStart(runner);
        else pump.pump(runner.campaign.id);
      }
    },

    startCampaign(id: number): StatusAnswer {
      const campaign = getCampaign(db, id);
      const runner = lifecycle.open(campaign);
      const { startAt } = campaign.schedule;
      if (startAt !== null && startAt > clock.now() && campaign.status === 'draft') {
        lifecycle.setStatus(runner, 'scheduled');
        scheduleStart(runner);
      } else {
        lifecycle.setStatus(runner, 'running');
        pump.pump(id);
      }
      return { status: runner.campaign.status };
    },

    pauseCampaign(id: number): StatusAnswer {
      const runner = runners.get(id) ?? lifecycle.open(getCampaign(db, id));
      lifecycle.setStatus(runner, 'paused');
      return { status: runner.campaign.status };
    },

    resumeCampaign(id: number): StatusAnswer {
      // Read again: what it may call (and what it leaves out) can have changed while it was paused.
      const runner = lifecycle.open(getCampaign(db, id));
      lifecycle.setStatus(runner, 'running');
      pump.pump(id);
      return { status: runner.campaign.status };
    },

    async stopCampaign(id: number, hangUpLiveCalls: boolean): Promise<StatusAnswer> {
      const runner = runners.get(id) ?? lifecycle.open(getCampaign(db, id));
      const live = [...runner.live];
      lifecycle.finish(runner, 'cancelled');
      if (hangUpLiveCalls) {
        for (const attemptId of live) {
          const attempt = deps.store.get(attemptId);
          if (attempt?.providerCallId)
            await deps
              .providerOf(attempt.provider)
              .hangUp(attempt.providerCallId)
              .catch(() => {});
        }
      }
      return { status: runner.campaign.status };
    },
  };
}
