import { waitingReasonOf } from '@core/engine/waiting-reason';
import { describe, expect, it } from 'vitest';

const now = Date.UTC(2026, 0, 13, 15);
const state = {
  status: 'running',
  unknownZone: 0,
  provider: 'simulator',
  outage: undefined,
  live: 0,
  queued: 10,
  dueNow: false,
  earliest: { notBefore: now + 20 * 60_000, attemptNumber: 1 },
  now,
};

describe('why a running campaign places no calls', () => {
  it('says nothing while it is not running, has live calls or has calls due', () => {
    const none = { waitingReason: null, waitingMessage: null };
    expect(waitingReasonOf({ ...state, status: 'paused' })).toEqual(none);
    expect(waitingReasonOf({ ...state, live: 1 })).toEqual(none);
    expect(waitingReasonOf({ ...state, dueNow: true })).toEqual(none);
    expect(waitingReasonOf({ ...state, earliest: undefined })).toEqual(none);
  });

  it('names the provider that cannot be reached, since when and the next check', () => {
    const outage = {
      since: Date.UTC(2026, 0, 13, 14, 55),
      failures: 3,
      lastError: 'connect ECONNREFUSED',
      nextProbeAt: now + 45_000,
      trial: false,
    };
    const reason = waitingReasonOf({ ...state, live: 2, outage });
    expect(reason.waitingReason).toBe('provider_unreachable');
    expect(reason.waitingMessage).toContain('since 14:55 UTC: connect ECONNREFUSED');
    expect(reason.waitingMessage).toContain('Next check in 45 s');
  });

  it('tells calling hours from retries by the attempt due soonest', () => {
    expect(waitingReasonOf(state)).toEqual({
      waitingReason: 'outside_calling_hours',
      waitingMessage: 'Customers left to call are outside their calling hours: the next call is in 20 min.',
    });
    expect(
      waitingReasonOf({ ...state, earliest: { notBefore: now + 3 * 3_600_000, attemptNumber: 2 } }),
    ).toEqual({
      waitingReason: 'waiting_for_retries',
      waitingMessage: 'Waiting to retry unanswered calls: the next is due in 3 h.',
    });
  });

  it('says so when everyone left waits because nobody knows their time zone', () => {
    const reason = waitingReasonOf({ ...state, unknownZone: 10 });
    expect(reason.waitingReason).toBe('time_zone_unknown');
    expect(reason.waitingMessage).toMatch(/^10 customers wait: their time zone is unknown/);
  });
});
