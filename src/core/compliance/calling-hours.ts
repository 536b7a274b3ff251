import { legalCallingWindow } from '../../shared/contract/settings';
import { regionalCallingRules } from './regional-rules';
import { instantOfWallTime, localTimeAt, zoneNamed } from './zone-clock';

export interface ClockWindow {
  start: string;
  end: string;
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The tightest of several daily windows (all in the customer's local time). */
export function intersectWindows(...windows: ClockWindow[]): { start: number; end: number } {
  return {
    start: Math.max(...windows.map((w) => minutes(w.start))),
    end: Math.min(...windows.map((w) => minutes(w.end))),
  };
}

export interface CallingWindowRules {
  /** The campaign's daily window and days (1 = Monday … 7 = Sunday). */
  campaignWindow: ClockWindow;
  daysOfWeek: number[];
  /** The supervisor's default calling hours. */
  defaultHours: ClockWindow;
}

export type CallingWindow = { open: true } | { open: false; nextOpenAt: number | null };

/** The strictest regional rules among the regions a customer may be in. */
export function strictestRegionalRules(regions: readonly string[]) {
  const rules = regions.flatMap((r) => (regionalCallingRules[r] ? [regionalCallingRules[r]] : []));
  const caps = rules.flatMap((r) => (r.maxAttemptsPer24h ? [r.maxAttemptsPer24h] : []));
  return {
    windows: rules.map((r) => r.window),
    maxAttemptsPer24h: caps.length > 0 ? Math.min(...caps) : undefined,
  };
}

/** How far ahead a next opening is looked for: a week and a day covers every day-of-week pattern. */
const lookAheadDays = 8;
const day = 24 * 60 * 60_000;

/**
 * Whether a customer may be called at `now`, and if not, when the next permitted moment is. A customer
 * may be in several zones (their address's and their number's): the call is allowed only when it is
 * allowed in every one of them. In each, the window is the narrowest of the campaign's, the default
 * hours, the legal 08:00–21:00 and the strictest rule of every region the customer may be in — so no
 * setting and no doubt about where they are can lead to a call outside the legal hours.
 */
export function callingWindowAt(
  now: number,
  timeZones: readonly string[],
  regions: readonly string[],
  rules: CallingWindowRules,
): CallingWindow {
  const window = intersectWindows(
    rules.campaignWindow,
    rules.defaultHours,
    legalCallingWindow,
    ...strictestRegionalRules(regions).windows,
  );
  const zones = timeZones.flatMap((name) => zoneNamed(name) ?? []);
  if (window.start >= window.end || rules.daysOfWeek.length === 0 || zones.length === 0)
    return { open: false, nextOpenAt: null };
  const openIn = (zone: (typeof zones)[number], at: number) => {
    const local = localTimeAt(zone, at);
    return (
      rules.daysOfWeek.includes(local.weekday) &&
      local.minuteOfDay >= window.start &&
      local.minuteOfDay < window.end
    );
  };
  const openEverywhere = (at: number) => zones.every((zone) => openIn(zone, at));
  if (openEverywhere(now)) return { open: true };
  // The moments at which all zones are open together begin when one of them opens.
  const openings = zones.flatMap((zone) => {
    const today = localTimeAt(zone, now).wallMidnight;
    // Set on the clock, not added to midnight: on a day the clocks change, midnight + 9 h is not 09:00.
    return Array.from({ length: lookAheadDays }, (_, d) =>
      instantOfWallTime(zone, today + d * day + window.start * 60_000, now + d * day),
    );
  });
  const next = openings
    .filter((at) => at > now)
    .sort((a, b) => a - b)
    .find(openEverywhere);
  return { open: false, nextOpenAt: next ?? null };
}
