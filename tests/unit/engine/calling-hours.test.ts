import { callingWindowAt } from '@core/compliance/calling-hours';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

const hours = { start: '08:00', end: '21:00' };
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const rules = { campaignWindow: hours, daysOfWeek: everyDay, defaultHours: hours };
const at = (iso: string) => Date.parse(iso);
const windowAt = (iso: string, zones: string[], extra: Partial<typeof rules> = {}, regions: string[] = []) =>
  callingWindowAt(at(iso), zones, regions, { ...rules, ...extra });

describe('calling hours in the customer’s zone', () => {
  it('opens at 08:00 and closes at 21:00 local time', () => {
    // New York in January is UTC−5.
    expect(windowAt('2026-01-13T12:59:59Z', ['America/New_York'])).toEqual({
      open: false,
      nextOpenAt: at('2026-01-13T13:00:00Z'),
    });
    expect(windowAt('2026-01-13T13:00:00Z', ['America/New_York'])).toEqual({ open: true });
    expect(windowAt('2026-01-14T01:59:59Z', ['America/New_York'])).toEqual({ open: true });
    expect(windowAt('2026-01-14T02:00:00Z', ['America/New_York'])).toEqual({
      open: false,
      nextOpenAt: at('2026-01-14T13:00:00Z'),
    });
  });

  it('follows the clocks on the day they go forward (New York, 8 March 2026)', () => {
    // 01:00 EST, before the change: the day opens at 08:00 EDT = 12:00 UTC, not midnight + 8 h (13:00 UTC).
    expect(windowAt('2026-03-08T06:00:00Z', ['America/New_York'])).toEqual({
      open: false,
      nextOpenAt: at('2026-03-08T12:00:00Z'),
    });
    expect(windowAt('2026-03-08T12:00:00Z', ['America/New_York'])).toEqual({ open: true });
    // 20:59 EDT open, 21:00 EDT closed.
    expect(windowAt('2026-03-09T00:59:00Z', ['America/New_York'])).toEqual({ open: true });
    expect(windowAt('2026-03-09T01:00:00Z', ['America/New_York']).open).toBe(false);
  });

  it('follows the clocks on the day they go back (New York, 1 November 2026)', () => {
    // 01:00 EDT, before the change: the day opens at 08:00 EST = 13:00 UTC, not 12:00 UTC (07:00 EST).
    expect(windowAt('2026-11-01T05:00:00Z', ['America/New_York'])).toEqual({
      open: false,
      nextOpenAt: at('2026-11-01T13:00:00Z'),
    });
    expect(windowAt('2026-11-01T12:30:00Z', ['America/New_York']).open).toBe(false);
    expect(windowAt('2026-11-01T13:00:00Z', ['America/New_York'])).toEqual({ open: true });
  });

  it('finds the next opening across a change of the clocks (London, 29 March 2026)', () => {
    // Saturday 22:00 GMT: closed; Sunday opens at 08:00 BST = 07:00 UTC.
    expect(windowAt('2026-03-28T22:00:00Z', ['Europe/London'])).toEqual({
      open: false,
      nextOpenAt: at('2026-03-29T07:00:00Z'),
    });
    // Only on Mondays: Friday evening before the change, the next opening is Monday 08:00 BST.
    expect(windowAt('2026-03-27T21:30:00Z', ['Europe/London'], { daysOfWeek: [1] })).toEqual({
      open: false,
      nextOpenAt: at('2026-03-30T07:00:00Z'),
    });
    // And back in October: Saturday 21:30 BST, next opening Sunday 08:00 GMT = 08:00 UTC.
    expect(windowAt('2026-10-24T20:30:00Z', ['Europe/London'])).toEqual({
      open: false,
      nextOpenAt: at('2026-10-25T08:00:00Z'),
    });
  });

  it('keeps the same hours all year in zones without daylight saving time', () => {
    for (const day of ['2026-01-13', '2026-03-08', '2026-07-14', '2026-11-01']) {
      // Phoenix is UTC−7 the whole year; Tokyo UTC+9.
      expect(windowAt(`${day}T14:59:00Z`, ['America/Phoenix']).open).toBe(false);
      expect(windowAt(`${day}T15:00:00Z`, ['America/Phoenix'])).toEqual({ open: true });
      expect(windowAt(`${day}T11:59:00Z`, ['Asia/Tokyo'])).toEqual({ open: true });
      expect(windowAt(`${day}T12:00:00Z`, ['Asia/Tokyo']).open).toBe(false);
    }
  });

  it('follows a southern-hemisphere change too (Sydney, 5 April 2026)', () => {
    // 07:30 AEST on the Sunday the clocks went back: closed, opens at 08:00 AEST = 22:00 UTC.
    expect(windowAt('2026-04-04T21:30:00Z', ['Australia/Sydney'])).toEqual({
      open: false,
      nextOpenAt: at('2026-04-04T22:00:00Z'),
    });
  });

  it('is open only when every zone the customer may be in is open', () => {
    // 13:30 UTC: 08:30 in New York, 05:30 in Los Angeles.
    expect(windowAt('2026-01-13T13:30:00Z', ['America/New_York', 'America/Los_Angeles'])).toEqual({
      open: false,
      nextOpenAt: at('2026-01-13T16:00:00Z'),
    });
    // 01:30 UTC: 20:30 in New York, 17:30 in Los Angeles — both open.
    expect(windowAt('2026-01-14T01:30:00Z', ['America/New_York', 'America/Los_Angeles'])).toEqual({
      open: true,
    });
  });

  it('takes the narrowest of the campaign’s, the default and the region’s windows', () => {
    // Florida allows 08:00–20:00: 20:30 in Miami is closed although the campaign says 21:00.
    expect(windowAt('2026-01-14T01:30:00Z', ['America/New_York'], {}, ['US-FL']).open).toBe(false);
    expect(
      windowAt('2026-01-13T14:30:00Z', ['America/New_York'], {
        campaignWindow: { start: '10:00', end: '18:00' },
      }),
    ).toEqual({ open: false, nextOpenAt: at('2026-01-13T15:00:00Z') });
  });

  it('never opens when nothing can be open', () => {
    expect(windowAt('2026-01-13T15:00:00Z', ['America/New_York'], { daysOfWeek: [] })).toEqual({
      open: false,
      nextOpenAt: null,
    });
    expect(windowAt('2026-01-13T15:00:00Z', ['Not/AZone'])).toEqual({ open: false, nextOpenAt: null });
  });
});

/** The rule as luxon computes it for every call, without cached offsets: the reference. */
function referenceWindow(now: number, zones: string[], start: number, end: number, days: number[]) {
  const openIn = (zone: string, at: number) => {
    const local = DateTime.fromMillis(at, { zone });
    const minute = local.hour * 60 + local.minute;
    return days.includes(local.weekday) && minute >= start && minute < end;
  };
  const openEverywhere = (at: number) => zones.every((zone) => openIn(zone, at));
  if (openEverywhere(now)) return { open: true };
  const openings = zones.flatMap((zone) => {
    const today = DateTime.fromMillis(now, { zone }).startOf('day');
    const opens = { hour: Math.floor(start / 60), minute: start % 60 };
    return Array.from({ length: 8 }, (_, d) => today.plus({ days: d }).set(opens).toMillis());
  });
  const next = openings
    .filter((at) => at > now)
    .sort((a, b) => a - b)
    .find(openEverywhere);
  return { open: false, nextOpenAt: next ?? null };
}

describe('calling hours from offsets cached per zone and quarter hour', () => {
  it('agree with luxon at random moments of 2026 in zones with odd offsets and changes', () => {
    const zones = [
      'America/New_York',
      'America/St_Johns', // −3:30, changes at 02:00 local (05:30 UTC)
      'Australia/Lord_Howe', // changes by half an hour
      'Pacific/Chatham', // +12:45 / +13:45
      'Asia/Kathmandu', // +5:45
      'America/Santiago',
      'Europe/London',
      'Asia/Tehran',
      'Africa/Casablanca',
    ];
    const random = mulberry32(17);
    const yearStart = Date.UTC(2026, 0, 1);
    const days = [1, 2, 3, 4, 5];
    for (let i = 0; i < 3_000; i++) {
      const now =
        yearStart + Math.floor(random() * 365 * 24 * 4) * 15 * 60_000 + Math.floor(random() * 900_000);
      const picked = [zones[i % zones.length], ...(i % 3 === 0 ? [zones[(i * 7) % zones.length]] : [])];
      const mine = callingWindowAt(now, picked, [], {
        campaignWindow: { start: '09:30', end: '20:00' },
        daysOfWeek: days,
        defaultHours: hours,
      });
      expect(mine, `${new Date(now).toISOString()} ${picked.join(',')}`).toEqual(
        referenceWindow(now, picked, 9 * 60 + 30, 20 * 60, days),
      );
    }
  });
});

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
