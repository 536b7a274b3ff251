import { interestTags } from '@shared/contract/audience';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { placeOfNanpNumber, usAreaCodesOnlyIn } from '../../customers/places/nanp-area-codes';

/**
 * The places the demo data is drawn from: cities where real-estate campaigns run, each with its time
 * zone, region code, the fictional telephone numbers its regulator keeps for drama and examples, and
 * neighborhoods. Only places that have such numbers: a demo customer must never ring anyone.
 */
export interface DemoCity {
  city: string;
  region: string;
  timeZone: string;
  /**
   * Fictional numbers as a prefix and how many digits follow it: NANP 555-0100…0199 in the city's
   * area codes, Ofcom's drama numbers (020 7946 0xxx), ACMA's fictitious numbers ((02) 5550 xxxx).
   */
  fictionalRanges: { prefix: string; digits: number }[];
  neighborhoods: string[];
  weight: number;
  names: 'us' | 'gb';
}

/**
 * NANP's fictional lines, 555-0100 to 555-0199: the city's own area codes first, then every other US code
 * of its zone (a customer may keep a number from elsewhere), so that demo customers rarely share one.
 */
const nanpFictional = (...areaCodes: string[]) => {
  const zone = placeOfNanpNumber(`+1${areaCodes[0]}5550100`)?.zones[0] ?? '';
  // Only codes libphonenumber knows: a demo number must read as a valid number everywhere.
  const codes = [...new Set([...areaCodes, ...usAreaCodesOnlyIn(zone)])].filter((code) =>
    isValidPhoneNumber(`+1${code}5550100`),
  );
  return codes.map((code) => ({ prefix: `+1${code}55501`, digits: 2 }));
};

/** Ofcom's drama numbers: 1,000 in each of these (London's 020 7946 0xxx first). */
const ukDrama = [
  '+442079460',
  '+441134960',
  '+441144960',
  '+441164960',
  '+441174960',
  '+441184960',
  '+441214960',
  '+441314960',
  '+441414960',
  '+441514960',
  '+441614960',
  '+442920180',
].map((prefix) => ({ prefix, digits: 3 }));

export const demoCities: DemoCity[] = [
  {
    city: 'Miami',
    region: 'US-FL',
    timeZone: 'America/New_York',
    fictionalRanges: nanpFictional('305', '786'),
    neighborhoods: ['Brickell', 'Wynwood', 'Coconut Grove', 'Little Havana', 'Edgewater', 'Coral Way'],
    weight: 14,
    names: 'us',
  },
  {
    city: 'Orlando',
    region: 'US-FL',
    timeZone: 'America/New_York',
    fictionalRanges: nanpFictional('407'),
    neighborhoods: ['Lake Nona', 'College Park', 'Baldwin Park', 'Thornton Park'],
    weight: 6,
    names: 'us',
  },
  {
    city: 'New York',
    region: 'US-NY',
    timeZone: 'America/New_York',
    fictionalRanges: nanpFictional('212', '646', '917'),
    neighborhoods: ['Upper West Side', 'Harlem', 'Chelsea', 'Tribeca', 'Astoria', 'Park Slope'],
    weight: 16,
    names: 'us',
  },
  {
    city: 'Chicago',
    region: 'US-IL',
    timeZone: 'America/Chicago',
    fictionalRanges: nanpFictional('312', '773'),
    neighborhoods: ['Lincoln Park', 'Wicker Park', 'Hyde Park', 'Logan Square', 'River North'],
    weight: 10,
    names: 'us',
  },
  {
    city: 'Austin',
    region: 'US-TX',
    timeZone: 'America/Chicago',
    fictionalRanges: nanpFictional('512'),
    neighborhoods: ['Zilker', 'Mueller', 'East Austin', 'Travis Heights'],
    weight: 7,
    names: 'us',
  },
  {
    city: 'Denver',
    region: 'US-CO',
    timeZone: 'America/Denver',
    fictionalRanges: nanpFictional('303', '720'),
    neighborhoods: ['LoDo', 'Highlands', 'Cherry Creek', 'Washington Park'],
    weight: 7,
    names: 'us',
  },
  {
    city: 'Los Angeles',
    region: 'US-CA',
    timeZone: 'America/Los_Angeles',
    fictionalRanges: nanpFictional('213', '310', '323'),
    neighborhoods: ['Silver Lake', 'Echo Park', 'Venice', 'Westwood', 'Los Feliz', 'Koreatown'],
    weight: 15,
    names: 'us',
  },
  {
    city: 'London',
    region: 'GB-LND',
    timeZone: 'Europe/London',
    fictionalRanges: ukDrama,
    neighborhoods: ['Islington', 'Camden', 'Clapham', 'Canary Wharf', 'Hackney'],
    weight: 10,
    names: 'gb',
  },
  {
    city: 'Sydney',
    region: 'AU-NSW',
    timeZone: 'Australia/Sydney',
    fictionalRanges: [
      { prefix: '+6125550', digits: 4 },
      { prefix: '+6127010', digits: 4 },
    ],
    neighborhoods: ['Surry Hills', 'Bondi', 'Newtown', 'Paddington', 'Manly'],
    weight: 8,
    names: 'gb',
  },
  {
    city: 'Melbourne',
    region: 'AU-VIC',
    timeZone: 'Australia/Melbourne',
    fictionalRanges: [
      { prefix: '+6135550', digits: 4 },
      { prefix: '+6137010', digits: 4 },
    ],
    neighborhoods: ['Fitzroy', 'St Kilda', 'Carlton', 'Richmond', 'Brunswick'],
    weight: 7,
    names: 'gb',
  },
];

export const demoInterests = interestTags;

export const propertyTypes = ['apartment', 'house', 'townhouse', 'condo', 'villa'];
export const lifecycleStages = ['lead', 'prospect', 'customer', 'past_customer'];

/** Always customer #1, so tests and demos can find a known person by name or number. */
export const demoPerson = {
  firstName: 'Amelia',
  lastName: 'Whitford',
  phone: '+13055550142',
  email: 'amelia.whitford@example.com',
  city: 'Miami',
  neighborhood: 'Brickell',
  region: 'US-FL',
  timeZone: 'America/New_York',
  tags: ['waterfront', 'luxury'],
} as const;
