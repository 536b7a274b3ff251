import { DateTime } from 'luxon';
import { legalCallingWindow } from '../../shared/contract/settings';
import { regionalCallingRules } from './regional-rules';

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

/**
 * Whether a customer may be called at `now` in their own time zone, and if not, when the next
 * permitted moment is. The window is the narrowest of the campaign's, the default hours, the region's
 * rule and the legal 08:00–21:00 — so no setting can ever lead to a call outside the legal hours.
 */
export function callingWindowAt(
  now: number,
  timeZone: string,
  region: string | null,
  rules: CallingWindowRules,
): { open: true } | { open: false; nextOpenAt: number | null } {
  const regional = region ? regionalCallingRules[region]?.window : undefined;
  const window = intersectWindows(
    rules.campaignWindow,
    rules.defaultHours,
    legalCallingWindow,
    ...(regional ? [regional] : []),
  );
  if (window.start >= window.end || rules.daysOfWeek.length === 0) return { open: false, nextOpenAt: null };
  const local = DateTime.fromMillis(now, { zone: timeZone });
  const zoned = local.isValid ? local : DateTime.fromMillis(now, { zone: 'UTC' });
  const minuteOfDay = zoned.hour * 60 + zoned.minute;
  if (rules.daysOfWeek.includes(zoned.weekday) && minuteOfDay >= window.start && minuteOfDay < window.end) {
    return { open: true };
  }
  // The next day (today included, if its window has not begun) whose window opens.
  for (let offset = 0; offset <= 7; offset++) {
    const day = zoned.startOf('day').plus({ days: offset });
    if (!rules.daysOfWeek.includes(day.weekday)) continue;
    const opens = day.plus({ minutes: window.start });
    if (opens.toMillis() > now) return { open: false, nextOpenAt: opens.toMillis() };
  }
  return { open: false, nextOpenAt: null };
}
