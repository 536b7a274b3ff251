import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { IANAZone } from 'luxon';
import { demoCities } from '../../db/seed/demo-catalog';
import { placeOfNanpNumber } from './nanp-area-codes';

/** Countries that keep one time zone, so a number's country settles its zone. */
const singleZoneCountries: Record<string, string> = {
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  PT: 'Europe/Lisbon',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  DK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki',
  PL: 'Europe/Warsaw',
  GR: 'Europe/Athens',
  TR: 'Europe/Istanbul',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  QA: 'Asia/Qatar',
  KW: 'Asia/Kuwait',
  BH: 'Asia/Bahrain',
  OM: 'Asia/Muscat',
  JO: 'Asia/Amman',
  LB: 'Asia/Beirut',
  IL: 'Asia/Jerusalem',
  EG: 'Africa/Cairo',
  MA: 'Africa/Casablanca',
  ZA: 'Africa/Johannesburg',
  NG: 'Africa/Lagos',
  KE: 'Africa/Nairobi',
  IN: 'Asia/Kolkata',
  PK: 'Asia/Karachi',
  SG: 'Asia/Singapore',
  HK: 'Asia/Hong_Kong',
  CN: 'Asia/Shanghai',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  PH: 'Asia/Manila',
  NZ: 'Pacific/Auckland',
};

/** Cities customers commonly live in, beyond the demo catalog, for files with a city but no usable number. */
const knownCities: { city: string; region: string; timeZone: string }[] = [
  ...demoCities.map(({ city, region, timeZone }) => ({ city, region, timeZone })),
  { city: 'Tampa', region: 'US-FL', timeZone: 'America/New_York' },
  { city: 'Boston', region: 'US-MA', timeZone: 'America/New_York' },
  { city: 'Atlanta', region: 'US-GA', timeZone: 'America/New_York' },
  { city: 'Washington', region: 'US-DC', timeZone: 'America/New_York' },
  { city: 'Philadelphia', region: 'US-PA', timeZone: 'America/New_York' },
  { city: 'Houston', region: 'US-TX', timeZone: 'America/Chicago' },
  { city: 'Dallas', region: 'US-TX', timeZone: 'America/Chicago' },
  { city: 'Phoenix', region: 'US-AZ', timeZone: 'America/Phoenix' },
  { city: 'Seattle', region: 'US-WA', timeZone: 'America/Los_Angeles' },
  { city: 'San Francisco', region: 'US-CA', timeZone: 'America/Los_Angeles' },
  { city: 'San Diego', region: 'US-CA', timeZone: 'America/Los_Angeles' },
  { city: 'Las Vegas', region: 'US-NV', timeZone: 'America/Los_Angeles' },
  { city: 'Honolulu', region: 'US-HI', timeZone: 'Pacific/Honolulu' },
  { city: 'Toronto', region: 'CA-ON', timeZone: 'America/Toronto' },
  { city: 'Sydney', region: 'AU-NSW', timeZone: 'Australia/Sydney' },
  { city: 'Melbourne', region: 'AU-VIC', timeZone: 'Australia/Melbourne' },
  { city: 'Perth', region: 'AU-WA', timeZone: 'Australia/Perth' },
  { city: 'Mexico City', region: 'MX-CMX', timeZone: 'America/Mexico_City' },
  { city: 'Vancouver', region: 'CA-BC', timeZone: 'America/Vancouver' },
  { city: 'Manchester', region: 'GB-MAN', timeZone: 'Europe/London' },
  { city: 'Abu Dhabi', region: 'AE-AZ', timeZone: 'Asia/Dubai' },
  { city: 'Jeddah', region: 'SA-02', timeZone: 'Asia/Riyadh' },
  { city: 'Doha', region: 'QA-DA', timeZone: 'Asia/Qatar' },
];
const cityPlaces = new Map(knownCities.map((c) => [c.city.toLowerCase(), c]));

export type PhoneReading = { ok: true; e164: string; country: string | undefined } | { ok: false };

/** Reads a number as written in a file; numbers without a country code are read in `region`. */
export function readPhone(text: string, region: string): PhoneReading {
  const parsed = parsePhoneNumberFromString(text, region as CountryCode);
  if (!parsed?.isValid()) return { ok: false };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** Why `readPhone` refused `text`, as a reject reason puts it after the field's name. */
export const invalidPhoneReason = (text: string, region: string) =>
  text.startsWith('+') ? 'not a valid international number' : `not a valid number for region ${region}`;

export const isTimeZone = (zone: string) => IANAZone.isValidZone(zone);

export interface CustomerPlace {
  timeZone: string | undefined;
  region: string | undefined;
}

/**
 * Where a customer is, for calling hours and regional rules: the number settles it when its area code or
 * single-zone country is known, otherwise the city does.
 */
export function placeOf(e164: string, country: string | undefined, city: string | undefined): CustomerPlace {
  const byCity = city ? cityPlaces.get(city.trim().toLowerCase()) : undefined;
  const byNumber = placeOfNanpNumber(e164);
  if (byNumber) return byNumber;
  const countryZone = country ? singleZoneCountries[country] : undefined;
  if (countryZone) {
    const cityInCountry = byCity?.region.startsWith(`${country}-`) ? byCity.region : undefined;
    return { timeZone: countryZone, region: cityInCountry ?? country };
  }
  return { timeZone: byCity?.timeZone, region: byCity?.region ?? country };
}
