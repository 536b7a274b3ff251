import type { Campaign } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import { transitionCampaign } from '../campaigns/transition-campaign';
import type { Clock } from '../clock/clock';
import {
  consentSkipWarning,
  customersLackingConsent,
  demoCustomersIn,
  demoSkipWarning,
} from '../compliance/real-call-readiness';
import type { GroupCommit } from '../db/group-commit';
import type { Db } from '../db/open';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { CampaignOwnership } from './campaign-ownership';
import type { Runner } from './engine-types';
import type { PreparedQueries } from './prepared-queries';
import { TokenBucket } from './token-bucket';

/**
 * The campaigns an engine has open, and their lifecycle: opened when started, resumed or found running,
 * their status moved (and told to everyone) only through the lifecycle table, closed — and their lease
 * let go — once finished with no call left live.
 */
export function createRunnerLifecycle(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  groupCommit: GroupCommit;
  statements: PreparedQueries;
  ownership: CampaignOwnership;
  settings: () => Settings;
  publishProgress: (campaignId: number, force?: boolean) => void;
}) {
  const { db, clock, bus, groupCommit, statements: q } = deps;
  const runners = new Map<number, Runner>();

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

  const open = (campaign: Campaign): Runner => {
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
      cursor: q.firstCursor.get(campaign.id) as number,
      exhausted: false,
      live: new Set(),
      notices: noticesOf(campaign),
      owned: false,
    };
    runners.set(campaign.id, runner);
    return runner;
  };

  const stopTimer = (runner: Runner) => {
    if (runner.timer) clock.clearTimeout(runner.timer);
    runner.timer = undefined;
    runner.wakeAt = undefined;
  };

  const close = (runner: Runner) => {
    stopTimer(runner);
    runners.delete(runner.campaign.id);
    if (runner.owned) deps.ownership.release(runner.campaign.id);
    runner.owned = false;
  };

  const told = (runner: Runner) => {
    bus.publish('campaign.changed', { campaignId: runner.campaign.id, status: runner.campaign.status });
    deps.publishProgress(runner.campaign.id, true);
  };

  const finish = (runner: Runner, status: 'completed' | 'cancelled') => {
    const now = clock.now();
    groupCommit.write(() => {
      const cancelled = q.cancelQueued.all(now, now, runner.campaign.id) as { id: number }[];
      for (const { id } of cancelled) q.insertCancelEvent.run(id, now);
      runner.campaign = transitionCampaign(db, runner.campaign.id, status, now);
    });
    // The outcome of the campaign and everything before it are on disk before anyone is told.
    groupCommit.flush();
    told(runner);
    if (runner.live.size === 0) close(runner);
    deps.logger.info({ campaignId: runner.campaign.id, status }, 'campaign finished');
  };

  /** Moves the campaign to `status`; a pause may say why (the engine's own pauses always do). */
  const setStatus = (runner: Runner, status: Campaign['status'], reason?: string) => {
    runner.campaign = groupCommit.write(() =>
      transitionCampaign(db, runner.campaign.id, status, clock.now(), reason),
    );
    groupCommit.flush();
    if (status !== 'running') stopTimer(runner);
    told(runner);
  };

  return { runners, open, close, finish, setStatus, stopTimer, told };
}

export type RunnerLifecycle = ReturnType<typeof createRunnerLifecycle>;
