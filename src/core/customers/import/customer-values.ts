import { DateTime } from 'luxon';

/**
 * Readers for the loosely written values found in CRM exports. Each returns undefined when the text
 * cannot be read, so the row schema can name the problem.
 */

/** "$450,000", "450k", "1.2m", "450000" → 450000. */
export function readAmount(text: string): number | undefined {
  const match = /^[$€£]?\s*(\d[\d,]*(?:\.\d+)?)\s*([kKmM])?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1].replaceAll(',', ''));
  const scale = match[2] ? (match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
  return Number.isFinite(value) ? Math.round(value * scale * 100) / 100 : undefined;
}

/** "300k-600k", "300,000 – 600,000" or one amount (a budget of exactly that much). */
export function readBudgetRange(text: string): [number, number] | undefined {
  const parts = text.split(/\s*(?:-|–|to)\s*(?=[$€£]?\d)/);
  if (parts.length > 2) return undefined;
  const amounts = parts.map(readAmount);
  if (amounts.some((a) => a === undefined)) return undefined;
  const [lo, hi = lo] = amounts as number[];
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

/**
 * A calendar date or date-time, as epoch ms. ISO 8601 always; slashed dates read month first in the US
 * and day first elsewhere, as people there write them. Dates without a time are midnight UTC.
 */
export function readDate(text: string, region: string): number | undefined {
  const trimmed = text.trim();
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  // Plain dates are most of what files hold; Date.UTC is far cheaper than luxon at a million rows.
  if (plain) return calendarDate(Number(plain[1]), Number(plain[2]), Number(plain[3]));
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const iso = DateTime.fromISO(trimmed, { zone: 'utc' });
    return iso.isValid ? iso.toMillis() : undefined;
  }
  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(trimmed);
  if (!slashed) return undefined;
  const [a, b, year] = slashed.slice(1).map(Number);
  const [month, day] = region === 'US' ? [a, b] : [b, a];
  return calendarDate(year, month, day);
}

/** Midnight UTC of a date, or undefined for one that does not exist (2024-02-30). */
function calendarDate(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? ms
    : undefined;
}

/** "Waterfront; New build|schools" → ["waterfront", "new-build", "schools"]. */
export function readTags(text: string): string[] {
  const tags = text
    .split(/[;|,]/)
    .map((t) => t.trim().toLowerCase().replace(/\s+/g, '-'))
    .filter(Boolean);
  return [...new Set(tags)];
}

/** "Past customer", "past-customer", "PAST_CUSTOMER" → "past_customer". */
export const readChoice = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export type ConsentLevel = 'none' | 'verbal' | 'written';

/** How spreadsheets say yes and no in a consent column, lower-cased with runs of spaces, - and _ as one space. */
const consentYes = new Set(
  [
    'yes',
    'y',
    'true',
    't',
    '1',
    'x',
    '✓',
    '✔',
    'opted in',
    'opt in',
    'optin',
    'optedin',
    'agreed',
    'granted',
  ].concat(['given', 'consented', 'ok', 'subscribed', 'si', 'sí', 'oui', 'ja']),
);
const consentNo = new Set(
  ['no', 'n', 'false', 'f', '0', 'opted out', 'opt out', 'optout', 'optedout', 'declined', 'refused'].concat([
    'withdrawn',
    'revoked',
    'unsubscribed',
    'none',
    'no consent',
    '-',
  ]),
);
const consentLevels: Record<string, ConsentLevel> = {
  verbal: 'verbal',
  oral: 'verbal',
  'verbal consent': 'verbal',
  written: 'written',
  'written consent': 'written',
  'express written': 'written',
  'express written consent': 'written',
};

/**
 * A consent cell: a level (none / verbal / written) as it is, a yes as the level the supervisor chose for
 * this file, a no as none. Undefined for anything else (the row keeps its customer, without consent).
 */
export function readConsent(text: string, yesMeans: Exclude<ConsentLevel, 'none'>): ConsentLevel | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (t === '' || consentNo.has(t)) return 'none';
  if (consentYes.has(t)) return yesMeans;
  return consentLevels[t];
}

/** A date and time as written, before it is placed in a time zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * "2026-12-03", "2026-12-03 14:30", "2026-12-03T14:30", "12/03/2026 2:30 pm" (month first in the US, day
 * first elsewhere): a moment on a calendar, to be placed in the customer's own time zone (a lease ends and a
 * viewing happens on their local day). A date alone is the start of that day.
 */
export function readWallClock(text: string, region: string): WallClock | undefined {
  const match =
    /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}))(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?)?$/i.exec(
      text.trim(),
    );
  if (!match) return undefined;
  const [, isoYear, isoMonth, isoDay, a, b, slashYear, h, min, meridiem] = match;
  const [month, day] = isoYear ? [isoMonth, isoDay] : region === 'US' ? [a, b] : [b, a];
  let hour = h === undefined ? 0 : Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  const clock = {
    year: Number(isoYear ?? slashYear),
    month: Number(month),
    day: Number(day),
    hour,
    minute: min === undefined ? 0 : Number(min),
  };
  return DateTime.fromObject(clock, { zone: 'UTC' }).isValid ? clock : undefined;
}

/** The moment a wall-clock time is in a zone (luxon moves a time skipped by daylight saving forward). */
export const wallClockIn = (clock: WallClock, zone: string): number =>
  DateTime.fromObject(clock, { zone }).toMillis();
