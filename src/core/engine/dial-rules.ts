import type { Campaign } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import { callingWindowAt, strictestRegionalRules } from '../compliance/calling-hours';
import { consentAllowsRealCall } from '../compliance/real-call-readiness';
import { splitPlaces } from '../customers/places/customer-places';
import type { Db } from '../db/open';

const day = 24 * 60 * 60_000;

/** What the dial-time rules need to know about a queued attempt and its customer. */
export interface DialCandidate {
  campaignId: number;
  customerId: number;
  attemptNumber: number;
  phone: string;
  consent: string;
  /** Every zone and region the customer may be in, space-separated ('' when no zone is known). */
  timeZones: string;
  regions: string;
  /** A demo customer, whose number is fictional. */
  demo: number;
}

export type DialBlock = { cancel: string } | { wait: number; reason?: 'time_zone_unknown' } | undefined;

/** A customer whose zone is unknown is looked at again this often: someone may import where they live. */
const unknownZoneRecheckMs = 60 * 60_000;

/** What the rules look up in the database; a unit test passes its own. */
export interface DialLookups {
  onDnc(phone: string): boolean;
  /** Whether another campaign dialled the customer at or after `since`. */
  calledElsewhere(customerId: number, campaignId: number, since: number): boolean;
  /** Dials of the customer after `since`, and the oldest of them. */
  dialsSince(customerId: number, since: number): { count: number; oldest: number | null };
}

/** The rules over the database's DNC list and dial history, as prepared statements. */
export function createDialRules(db: Db) {
  const c = db.$client;
  const onDnc = c.prepare('select 1 from dnc_numbers where phone = ?').pluck();
  const calledElsewhere = c
    .prepare(
      'select 1 from call_attempts where customer_id = ? and campaign_id <> ? and dialed_at >= ? limit 1',
    )
    .pluck();
  // The last 24 hours are (now − 24 h, now]: a dial exactly 24 h ago no longer counts, so the wait the
  // cap asks for (oldest + 24 h) is always later than now.
  const dialsSince = c
    .prepare('select count(*), min(dialed_at) from call_attempts where customer_id = ? and dialed_at > ?')
    .raw();

  const lookups: DialLookups = {
    onDnc: (phone) => onDnc.get(phone) !== undefined,
    calledElsewhere: (customerId, campaignId, since) =>
      calledElsewhere.get(customerId, campaignId, since) !== undefined,
    dialsSince(customerId, since) {
      const [count, oldest] = dialsSince.get(customerId, since) as [number, number | null];
      return { count, oldest };
    },
  };
  return (a: DialCandidate, campaign: DialCampaign, now: number, settings: Settings) =>
    dialBlockOf(a, campaign, now, settings, lookups);
}

export type DialCampaign = Pick<Campaign, 'provider' | 'objective' | 'schedule'>;

/**
 * Rules checked at the moment of dialling, however long the attempt waited in the queue: the DNC list,
 * consent, the cross-campaign frequency cap, calling hours and regional attempt limits. A `cancel`
 * names the suppression reason; a `wait` says when the attempt may be tried.
 */
export function dialBlockOf(
  a: DialCandidate,
  campaign: DialCampaign,
  now: number,
  settings: Pick<Settings, 'frequencyCapDays' | 'callingHours'>,
  lookups: DialLookups,
): DialBlock {
  // Demo customers have fictional numbers: no real provider ever dials them.
  if (a.demo && campaign.provider !== 'simulator') return { cancel: 'demo_customer' };
  if (lookups.onDnc(a.phone)) return { cancel: 'dnc' };
  if (a.consent === 'none') return { cancel: 'no_consent' };
  // Consent may have been withdrawn (or lowered) since the attempt was queued.
  const { provider, objective } = campaign;
  if (provider !== 'simulator' && !consentAllowsRealCall(objective, a.consent))
    return { cancel: 'no_consent' };
  const { frequencyCapDays, callingHours } = settings;
  if (
    a.attemptNumber === 1 &&
    frequencyCapDays > 0 &&
    lookups.calledElsewhere(a.customerId, a.campaignId, now - frequencyCapDays * day)
  ) {
    return { cancel: 'frequency_cap' };
  }
  const zones = splitPlaces(a.timeZones);
  const regions = splitPlaces(a.regions);
  // Never a guess: a customer nobody knows the zone of waits until someone says where they live.
  if (zones.length === 0) return { wait: now + unknownZoneRecheckMs, reason: 'time_zone_unknown' };
  const window = callingWindowAt(now, zones, regions, {
    campaignWindow: campaign.schedule.dailyWindow,
    daysOfWeek: campaign.schedule.daysOfWeek,
    defaultHours: callingHours,
  });
  if (!window.open)
    return window.nextOpenAt === null ? { cancel: 'no_calling_window' } : { wait: window.nextOpenAt };
  const { maxAttemptsPer24h } = strictestRegionalRules(regions);
  if (maxAttemptsPer24h) {
    const { count, oldest } = lookups.dialsSince(a.customerId, now - day);
    if (count >= maxAttemptsPer24h && oldest !== null) return { wait: oldest + day };
  }
  return undefined;
}
