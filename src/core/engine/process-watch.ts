import { getCampaign } from '../campaigns/campaign-store';
import type { Clock } from '../clock/clock';
import type { Db } from '../db/open';
import type { Logger } from '../logging/logger';
import { type CampaignOwnership, leaseMs } from './campaign-ownership';
import type { Runner } from './engine-types';
import type { PreparedQueries } from './prepared-queries';
import type { RunnerLifecycle } from './runner-lifecycle';

/** How often the engine looks at what other processes wrote (a pause from the CLI) and renews its leases. */
const watchEveryMs = 500;

/**
 * What other processes do: statuses they write (a pause from the CLI is followed within one watch) and
 * leases they hold (this engine renews its own, notices when one was taken, and takes free ones).
 */
export function createProcessWatch(deps: {
  db: Db;
  clock: Clock;
  wallClock: () => number;
  logger: Logger;
  queries: PreparedQueries;
  lifecycle: RunnerLifecycle;
  ownership: CampaignOwnership;
  /** Whether the disk can be written (nothing is watched while it cannot). */
  storageOutage: () => unknown;
  mayRun: (runner: Runner) => boolean;
  schedule: (runner: Runner, at: number) => void;
  publishProgress: (campaignId: number, force?: boolean) => void;
  failed: (runner: Runner, err: unknown) => void;
}) {
  const { db, clock, wallClock, lifecycle, ownership } = deps;
  const renewedAt = new Map<number, number>();

  const watchOne = (runner: Runner) => {
    const id = runner.campaign.id;
    const row = deps.queries.status.get(id) as { status: string; statusReason: string | null } | undefined;
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
      if (row.status === 'running' && runner.owned) deps.schedule(runner, clock.now());
    }
    if (runner.owned) {
      if (wallClock() - (renewedAt.get(id) ?? 0) < leaseMs / 5) return;
      renewedAt.set(id, wallClock());
      if (ownership.renew(id)) return;
      // Lost (this process stalled past the lease, another took over): this engine stops dialling it.
      deps.logger.warn({ campaignId: id }, 'another process took this campaign over');
      runner.owned = false;
      lifecycle.stopTimer(runner);
      deps.publishProgress(id, true);
    } else if (runner.campaign.status === 'running' && deps.mayRun(runner)) {
      deps.schedule(runner, clock.now());
      deps.publishProgress(id, true);
    }
  };

  const watch = () => {
    if (deps.storageOutage()) return;
    for (const runner of [...lifecycle.runners.values()]) {
      try {
        watchOne(runner);
      } catch (err) {
        deps.failed(runner, err);
      }
    }
  };

  let timer: NodeJS.Timeout | undefined;
  return {
    start() {
      timer = setInterval(watch, watchEveryMs).unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
