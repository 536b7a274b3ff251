import { legalCallingWindow } from '../contract/settings';

export interface ClockWindow {
  start: string;
  end: string;
}

/**
 * The hours a campaign actually calls in, in each customer's local time: its own window inside the
 * calling hours of Settings and the legal 08:00–21:00 (HH:MM compares as text). Null when they do not
 * overlap and nobody can be called. State rules may narrow it further for customers in those states.
 */
export function effectiveCallingWindow(campaign: ClockWindow, settings: ClockWindow): ClockWindow | null {
  const windows = [campaign, settings, legalCallingWindow];
  const start = windows.map((w) => w.start).sort()[windows.length - 1];
  const end = windows.map((w) => w.end).sort()[0];
  return start < end ? { start, end } : null;
}
