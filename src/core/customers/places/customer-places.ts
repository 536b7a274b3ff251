import { getCountry, getTimezonesForCountry } from 'countries-and-timezones';
import { IANAZone } from 'luxon';
import { zonesOfCity } from './city-zones';
import { placeOfNanpNumber } from './nanp-area-codes';
import { subdivisionOfPostalCode } from './postal-codes';
import { subdivisionOf, zonesOfSubdivision } from './subdivisions';

/** What is known of where a customer is: their number and whatever their address gives. */
export interface PlaceClues {
  /** E.164. */
  phone: string;
  /** The number's country (libphonenumber), when it has one. */
  country?: string;
  /** A zone the file names outright. */
  timeZone?: string;
  /** A state, province or country code or name, as written (FL, Florida, US-FL, GB). */
  region?: string;
  city?: string;
  postalCode?: string;
  /** The country to read a state column in when the number has none (the import's region). */
  homeCountry?: string;
}

/**
 * Every zone and region the customer may be in: those of their address and those of their number. The
 * engine calls only when it is allowed in every one of them; no zone at all means "time zone unknown".
 * `timeZone` and `region` are the ones shown (the address's first); '' and undefined when none.
 */
export interface CustomerPlaces {
  timeZones: string[];
  regions: string[];
  timeZone: string;
  region: string | undefined;
}

/**
 * Whether a zone is in the IANA database, remembered: luxon answers by building an Intl.DateTimeFormat
 * each time, whose native memory made a 200,000-row import grow to 3 GB.
 */
const knownZones = new Map<string, boolean>();
export function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    if (knownZones.size < 10_000) knownZones.set(zone, known);
  }
  return known;
}

/** A country's own zones (countries-and-timezones also lists zones a country shares, e.g. Tokyo for AU). */
function zonesOfCountry(country: string): string[] {
  return (getTimezonesForCountry(country) ?? [])
    .filter((zone) => zone.countries[0] === country)
    .map((zone) => zone.name);
}

const isCountry = (code: string) => /^[A-Z]{2}$/.test(code) && getCountry(code) !== null;

/** The region a file's cell names: a subdivision of the customer's country, or a country. */
export function regionOf(text: string, country: string | undefined): string | undefined {
  const subdivision = subdivisionOf(text, country);
  if (subdivision) return subdivision;
  const upper = text.trim().toUpperCase();
  if (isCountry(upper)) return upper;
  const [head, tail] = upper.split('-');
  return tail && isCountry(head) ? upper : undefined;
}

const countryOfRegion = (region: string) => region.slice(0, 2);

/** Where the address puts the customer: its regions and zones, most precise first. */
function placeOfAddress(clues: PlaceClues, numberRegions: string[]) {
  const country = clues.country ?? clues.homeCountry;
  const region = clues.region ? regionOf(clues.region, country) : undefined;
  const postal = clues.postalCode ? subdivisionOfPostalCode(clues.postalCode) : undefined;
  const subdivisions = [region, postal].filter((r): r is string => r?.includes('-') === true);
  const regions = [...new Set([region, postal].filter((r): r is string => r !== undefined))];
  const city = clues.city
    ? zonesOfCity(clues.city, {
        // A city is looked for in the address's state, else the number's, else the country.
        subdivisions: subdivisions.length > 0 ? subdivisions : numberRegions,
        country: region ? countryOfRegion(region) : country,
      })
    : undefined;
  if (city && regions.length === 0) regions.push(...city.subdivisions);
  const zones =
    clues.timeZone && isTimeZone(clues.timeZone)
      ? [clues.timeZone]
      : city?.zones.length
        ? city.zones
        : subdivisions.length > 0
          ? subdivisions.flatMap((s) => zonesOfSubdivision(s) ?? [])
          : region && !region.includes('-')
            ? zonesOfCountry(region)
            : [];
  return { regions, zones: [...new Set(zones)] };
}

/**
 * Works out where a customer may be. A North American number's area code is a place of its own and always
 * counts (a 212 number living in Los Angeles is called only when it is allowed in both New York and Los
 * Angeles). Any other number, or an area code not in the table, says only "somewhere in its country": it
 * adds that country's zones unless the address is in that country already.
 */
export function placesOf(clues: PlaceClues): CustomerPlaces {
  const areaCode = placeOfNanpNumber(clues.phone);
  const address = placeOfAddress(clues, areaCode?.regions ?? []);
  let numberZones: string[] = [];
  let numberRegions: string[] = [];
  if (areaCode) {
    numberZones = areaCode.zones;
    numberRegions = areaCode.regions;
  } else if (clues.country) {
    const addressInCountry = address.regions.some((r) => countryOfRegion(r) === clues.country);
    if (!addressInCountry || address.zones.length === 0) numberZones = zonesOfCountry(clues.country);
    if (!addressInCountry) numberRegions = [clues.country];
  }
  const timeZones = [...new Set([...address.zones, ...numberZones])].filter(isTimeZone);
  const regions = [...new Set([...address.regions, ...numberRegions])];
  return {
    timeZones,
    regions,
    timeZone: address.zones[0] ?? timeZones[0] ?? '',
    region: address.regions[0] ?? regions[0],
  };
}

/** The space-separated form the customers table keeps lists in. */
export const joinPlaces = (values: string[]) => values.join(' ');
export const splitPlaces = (text: string | null | undefined) => (text ? text.split(' ').filter(Boolean) : []);
