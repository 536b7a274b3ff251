import type { CampaignProgress } from '../../shared/contract/calls';
import { getCampaign } from '../campaigns/campaign-store';
import type { Clock } from '../clock/clock';
import type { Db } from '../db/open';
import type { EventBus } from '../events/event-bus';
import type { Runner } from './engine-types';
import type { PreparedQueries } from './prepared-queries';
import type { ProviderHealth } from './provider-health';
import type { StorageHealth } from './storage-health';
import { unknownZoneNotice, waitingReasonOf } from './waiting-reason';

const minute = 60_000;
/** Another process dials this campaign: this one shows its figures but places none of its calls. */
const ownedElsewhere =
  'Another Navaia process (the desktop app, a browser host or the CLI) is running this campaign: its calls are placed there.';

/** A campaign's figures and why it waits, as the monitor and the campaign list show them. */
export function createProgressReporter(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  runners: Map<number, Runner>;
  statements: PreparedQueries;
  health: ProviderHealth;
  storage: StorageHealth;
}) {
  const { db, clock, bus, runners, statements: q, health, storage } = deps;

  const progressOf = (campaignId: number): CampaignProgress => {
    const runner = runners.get(campaignId);
    const campaign = runner?.campaign ?? getCampaign(db, campaignId);
    const now = clock.now();
    const counts = q.counts.get(now - minute, campaignId) as {
      queued: number;
      live: number;
      done: number;
      lastMinute: number;
    };
    const unknownZone = counts.queued > 0 ? (q.waitingForZone.get(campaignId) as number) : 0;
    const base = {
      campaignId,
      status: campaign.status,
      queued: counts.queued,
      live: counts.live,
      done: counts.done,
      callsPerMinute: counts.lastMinute,
      maxConcurrent: campaign.pacing.maxConcurrent,
      maxPerMinute: campaign.pacing.maxPerMinute,
      notices: [...(runner?.notices ?? []), ...(unknownZone > 0 ? [unknownZoneNotice(unknownZone)] : [])],
    };
    const outage = storage.outage();
    if (outage && campaign.status === 'running')
      return { ...base, waitingReason: 'storage_unavailable', waitingMessage: outage.message };
    if (campaign.status === 'paused' && campaign.statusReason)
      return { ...base, waitingReason: 'paused_by_engine', waitingMessage: campaign.statusReason };
    if (runner && !runner.owned && campaign.status === 'running')
      return { ...base, waitingReason: 'owned_elsewhere', waitingMessage: ownedElsewhere };
    return {
      ...base,
      ...waitingReasonOf({
        unknownZone,
        status: campaign.status,
        provider: campaign.provider,
        outage: health.outage(campaign.provider),
        live: counts.live,
        queued: counts.queued,
        dueNow: counts.queued > 0 && (q.dueCount.get(campaignId, now, 1) as number) > 0,
        earliest: q.earliestWaiting.get(campaignId, now) as
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

  return { progressOf, publishProgress };
}
