import {
  type DialCampaign,
  type DialCandidate,
  type DialLookups,
  dialBlockOf,
} from '@core/engine/dial-rules';
import { describe, expect, it } from 'vitest';

const day = 24 * 3_600_000;
/** Tuesday 13 January 2026, 15:00 UTC: 10:00 in New York. */
const now = Date.UTC(2026, 0, 13, 15);
const settings = { frequencyCapDays: 7, callingHours: { start: '09:00', end: '20:00' } };
const schedule = {
  startAt: null,
  endAt: null,
  daysOfWeek: [1, 2, 3, 4, 5],
  dailyWindow: { start: '08:00', end: '21:00' },
};
const simulated: DialCampaign = { provider: 'simulator', objective: 'neighborhood_interest', schedule };
const real: DialCampaign = { ...simulated, provider: 'elevenlabs-twilio' };
const customer: DialCandidate = {
  campaignId: 1,
  customerId: 7,
  attemptNumber: 1,
  phone: '+12125550100',
  consent: 'written',
  timeZones: 'America/New_York',
  regions: 'US-NY',
  demo: 0,
};
const nothingKnown: DialLookups = {
  onDnc: () => false,
  calledElsewhere: () => false,
  dialsSince: () => ({ count: 0, oldest: null }),
};
const block = (
  a: Partial<DialCandidate> = {},
  lookups: Partial<DialLookups> = {},
  campaign: DialCampaign = simulated,
  at = now,
) => dialBlockOf({ ...customer, ...a }, campaign, at, settings, { ...nothingKnown, ...lookups });

describe('the rules checked at the moment of dialling', () => {
  it('let a consenting customer inside their calling hours be called', () => {
    expect(block()).toBeUndefined();
  });

  it('cancel a number on the DNC list, and a customer without consent', () => {
    expect(block({}, { onDnc: (phone) => phone === customer.phone })).toEqual({ cancel: 'dnc' });
    expect(block({ consent: 'none' })).toEqual({ cancel: 'no_consent' });
  });

  it('never let a real provider dial a demo customer; the simulator may', () => {
    expect(block({ demo: 1 }, {}, real)).toEqual({ cancel: 'demo_customer' });
    expect(block({ demo: 1 })).toBeUndefined();
  });

  it('cancel a first attempt at a customer another campaign called within the frequency cap', () => {
    const seen: unknown[] = [];
    const calledElsewhere = (customerId: number, campaignId: number, since: number) => {
      seen.push([customerId, campaignId, since]);
      return true;
    };
    expect(block({}, { calledElsewhere })).toEqual({ cancel: 'frequency_cap' });
    expect(seen).toEqual([[7, 1, now - 7 * day]]);
    // A retry of this campaign's own attempt is not held back by the cap.
    expect(block({ attemptNumber: 2 }, { calledElsewhere })).toBeUndefined();
  });

  it('hold a customer whose zone is unknown, and look again in an hour', () => {
    expect(block({ timeZones: '' })).toEqual({ wait: now + 3_600_000, reason: 'time_zone_unknown' });
  });

  it('wait for the customer’s calling hours, and cancel when they never open', () => {
    // 12:00 UTC is 07:00 in New York: the default hours open at 09:00 = 14:00 UTC.
    expect(block({}, {}, simulated, Date.UTC(2026, 0, 13, 12))).toEqual({ wait: Date.UTC(2026, 0, 13, 14) });
    expect(block({}, {}, { ...simulated, schedule: { ...schedule, daysOfWeek: [] } })).toEqual({
      cancel: 'no_calling_window',
    });
  });

  it('wait out a regional limit of attempts in 24 hours, from the oldest of them', () => {
    const oldest = now - 3 * 3_600_000;
    // Florida: three attempts in 24 hours at most.
    const florida = { regions: 'US-FL' };
    expect(block(florida, { dialsSince: () => ({ count: 3, oldest }) })).toEqual({ wait: oldest + day });
    expect(block(florida, { dialsSince: () => ({ count: 2, oldest }) })).toBeUndefined();
    // New York has no such limit: the history is not even asked.
    expect(
      block(
        {},
        {
          dialsSince: () => {
            throw new Error('not asked');
          },
        },
      ),
    ).toBeUndefined();
  });
});
