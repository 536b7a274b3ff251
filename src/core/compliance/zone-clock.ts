import { IANAZone } from 'luxon';

/**
 * Local time in a customer's zone, computed from the zone's UTC offset, which is looked up once per
 * zone and quarter hour instead of once per call: the engine asks for the same few zones thousands of
 * times a minute, and luxon's offset lookup (Intl formatting) was a quarter of its time per dial.
 * Offsets change only at transitions, and every transition of the time-zone database falls on a
 * quarter hour in UTC (offsets and the local times clocks change at are whole quarter hours), so an
 * offset looked up anywhere in a quarter hour holds for all of it.
 */
const quarterHour = 15 * 60_000;
const day = 24 * 60 * 60_000;
/** Offsets kept; cleared when full (a long-running engine moves on through time). */
const maxCached = 50_000;

const zones = new Map<string, IANAZone | null>();
const offsets = new Map<string, number>();

/** The zone, or null if the name is not a time zone this runtime knows. */
export function zoneNamed(name: string): IANAZone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(name) ? IANAZone.create(name) : null;
    zones.set(name, zone);
  }
  return zone;
}

/** The zone's offset from UTC at `at`, in milliseconds. */
export function offsetAt(zone: IANAZone, at: number): number {
  const key = `${zone.name}|${Math.floor(at / quarterHour)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= maxCached) offsets.clear();
    offset = zone.offset(at) * 60_000;
    offsets.set(key, offset);
  }
  return offset;
}

export interface LocalTime {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  minuteOfDay: number;
  /** The local date's midnight, as a wall-clock time written as if it were UTC. */
  wallMidnight: number;
}

export function localTimeAt(zone: IANAZone, at: number): LocalTime {
  const wall = at + offsetAt(zone, at);
  const wallMidnight = wall - (((wall % day) + day) % day);
  const weekday = new Date(wallMidnight).getUTCDay();
  return { weekday: weekday === 0 ? 7 : weekday, minuteOfDay: (wall - wallMidnight) / 60_000, wallMidnight };
}

/**
 * The instant a wall-clock time (written as if it were UTC) happens in the zone, as luxon resolves it:
 * the offset guessed from `near`, then corrected; a time the clocks skip moves forward.
 */
export function instantOfWallTime(zone: IANAZone, wall: number, near: number): number {
  const o = offsetAt(zone, near);
  let guess = wall - o;
  const o2 = offsetAt(zone, guess);
  if (o === o2) return guess;
  guess -= o2 - o;
  const o3 = offsetAt(zone, guess);
  if (o2 === o3) return guess;
  return wall - Math.min(o2, o3);
}
