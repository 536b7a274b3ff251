import { and, asc, inArray } from 'drizzle-orm';
import type { RehearsalForecast } from '../../shared/contract/calls';
import type { CampaignSettings } from '../../shared/contract/campaigns';
import type { AppContext } from '../app-context';
import { compileCriteria } from '../audience/compile-criteria';
import { eligibleCondition } from '../audience/eligibility';
import { createCampaign, getCampaign } from '../campaigns/campaign-store';
import { runVirtualUntil, VirtualClock } from '../clock/virtual-clock';
import { openDatabase } from '../db/open';
import { bookings, contracts, customers, customerTags } from '../db/schema';
import { createEventBus } from '../events/event-bus';
import { campaignMetrics } from '../metrics/campaign-metrics';
import { createSimulator } from '../providers/simulator/simulator-provider';
import { getSettings, updateSettings } from '../settings/settings-store';
import { createEngine } from './engine';

/**
 * A dry run of a campaign on the simulator, in virtual time, on a private in-memory copy of the
 * customers it would call (up to `maxCustomers`): it forecasts calls, duration, conversions and cost
 * without touching real data or placing a call.
 */
export async function rehearseCampaign(
  context: AppContext,
  input: { id?: number; campaign?: CampaignSettings; maxCustomers: number },
): Promise<RehearsalForecast> {
  const started = performance.now();
  const source = context.db;
  const now = context.clock.now();
  const settings = getSettings(source);
  const campaign = input.campaign ?? getCampaign(source, input.id!);
  const audience = source
    .select()
    .from(customers)
    .where(and(compileCriteria(campaign.criteria, now), eligibleCondition(now, settings.frequencyCapDays)))
    .orderBy(asc(customers.id))
    .limit(input.maxCustomers)
    .all();
  const ids = audience.map((c) => c.id);

  const db = openDatabase(':memory:');
  try {
    updateSettings(db, settings);
    db.transaction((tx) => {
      for (let i = 0; i < audience.length; i += 500) {
        const slice = ids.slice(i, i + 500);
        tx.insert(customers)
          .values(audience.slice(i, i + 500))
          .run();
        const tags = source.select().from(customerTags).where(inArray(customerTags.customerId, slice)).all();
        if (tags.length) tx.insert(customerTags).values(tags).run();
        const b = source.select().from(bookings).where(inArray(bookings.customerId, slice)).all();
        if (b.length)
          tx.insert(bookings)
            .values(b.map((row) => ({ ...row, propertyId: null })))
            .run();
        const k = source.select().from(contracts).where(inArray(contracts.customerId, slice)).all();
        if (k.length)
          tx.insert(contracts)
            .values(k.map((row) => ({ ...row, propertyId: null })))
            .run();
      }
    });
    const clock = new VirtualClock(now);
    const copy = createCampaign(db, { ...campaign, provider: 'simulator', name: campaign.name }, now);
    const engine = createEngine({
      db,
      clock,
      bus: createEventBus(),
      logger: context.logger,
      providers: new Map([['simulator', createSimulator({ db, clock, transcripts: false })]]),
      settings: () => settings,
    });
    await engine.start();
    engine.startCampaign(copy.id);
    const status = db.$client.prepare('select status from campaigns where id = ?').pluck();
    // Virtual time, bounded: a campaign that cannot finish within 60 days is reported as it stands.
    const limit = now + 60 * 86_400_000;
    while (!['completed', 'cancelled'].includes(status.get(copy.id) as string) && clock.now() < limit) {
      await runVirtualUntil(clock, Math.min(limit, (clock.nextTimerAt() ?? clock.now()) + 60_000));
    }
    await engine.close();
    const totals = db.$client
      .prepare(`select count(*) as attempts, coalesce(sum(answered_at is not null and state <> 'voicemail'), 0) as answered,
          min(dialed_at) as first, max(ended_at) as last
        from call_attempts`)
      .get() as {
      attempts: number;
      answered: number;
      first: number | null;
      last: number | null;
    };
    const outcomes = Object.fromEntries(
      (
        db.$client
          .prepare('select coalesce(disposition, state) as k, count(*) as n from call_attempts group by k')
          .all() as { k: string; n: number }[]
      ).map((r) => [r.k, r.n]),
    );
    const conversionDispositions = campaign.goal.conversionDispositions as string[];
    return {
      customers: audience.length,
      attempts: totals.attempts,
      answered: totals.answered,
      conversions: conversionDispositions.reduce((sum, d) => sum + (outcomes[d] ?? 0), 0),
      outcomes,
      // Every cost the dashboard would count (per-call charges and fixed costs too), not just the minutes.
      cost:
        Math.round(campaignMetrics(db, copy.id, () => ({ matched: 0, eligible: 0 })).cost.total * 100) / 100,
      durationSeconds:
        totals.first !== null && totals.last !== null ? Math.round((totals.last - totals.first) / 1000) : 0,
      computeSeconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    db.$client.close();
  }
}
