import { interestTags } from '../../../shared/contract/audience';

/**
 * The places the demo data is drawn from: cities where real-estate campaigns run, each with its time
 * zone, region code, dialling prefixes that libphonenumber accepts as valid, and neighborhoods.
 */
export interface DemoCity {
  city: string;
  region: string;
  timeZone: string;
  /** Dialling prefix before the subscriber digits, e.g. +1305 (then a 7-digit number). */
  prefixes: string[];
  /** How many subscriber digits follow the prefix. */
  subscriberDigits: number;
  /** 'us' numbers need an exchange that does not start with 0/1. */
  numbering: 'nanp' | 'plain';
  neighborhoods: string[];
  weight: number;
  names: 'us' | 'gb' | 'gulf';
}

export const demoCities: DemoCity[] = [
  {
    city: 'Miami',
    region: 'US-FL',
    timeZone: 'America/New_York',
    prefixes: ['+1305', '+1786'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['Brickell', 'Wynwood', 'Coconut Grove', 'Little Havana', 'Edgewater', 'Coral Way'],
    weight: 14,
    names: 'us',
  },
  {
    city: 'Orlando',
    region: 'US-FL',
    timeZone: 'America/New_York',
    prefixes: ['+1407'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['Lake Nona', 'College Park', 'Baldwin Park', 'Thornton Park'],
    weight: 6,
    names: 'us',
  },
  {
    city: 'New York',
    region: 'US-NY',
    timeZone: 'America/New_York',
    prefixes: ['+1212', '+1646', '+1917'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['Upper West Side', 'Harlem', 'Chelsea', 'Tribeca', 'Astoria', 'Park Slope'],
    weight: 16,
    names: 'us',
  },
  {
    city: 'Chicago',
    region: 'US-IL',
    timeZone: 'America/Chicago',
    prefixes: ['+1312', '+1773'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['Lincoln Park', 'Wicker Park', 'Hyde Park', 'Logan Square', 'River North'],
    weight: 10,
    names: 'us',
  },
  {
    city: 'Austin',
    region: 'US-TX',
    timeZone: 'America/Chicago',
    prefixes: ['+1512'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['Zilker', 'Mueller', 'East Austin', 'Travis Heights'],
    weight: 7,
    names: 'us',
  },
  {
    city: 'Denver',
    region: 'US-CO',
    timeZone: 'America/Denver',
    prefixes: ['+1303', '+1720'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['LoDo', 'Highlands', 'Cherry Creek', 'Washington Park'],
    weight: 7,
    names: 'us',
  },
  {
    city: 'Los Angeles',
    region: 'US-CA',
    timeZone: 'America/Los_Angeles',
    prefixes: ['+1213', '+1310', '+1323'],
    subscriberDigits: 7,
    numbering: 'nanp',
    neighborhoods: ['Silver Lake', 'Echo Park', 'Venice', 'Westwood', 'Los Feliz', 'Koreatown'],
    weight: 15,
    names: 'us',
  },
  {
    city: 'London',
    region: 'GB-LND',
    timeZone: 'Europe/London',
    prefixes: ['+447723', '+447956'],
    subscriberDigits: 6,
    numbering: 'plain',
    neighborhoods: ['Islington', 'Camden', 'Clapham', 'Canary Wharf', 'Hackney'],
    weight: 10,
    names: 'gb',
  },
  {
    city: 'Dubai',
    region: 'AE-DU',
    timeZone: 'Asia/Dubai',
    prefixes: ['+97150', '+97155'],
    subscriberDigits: 7,
    numbering: 'plain',
    neighborhoods: [
      'Dubai Marina',
      'Downtown Dubai',
      'Jumeirah Lake Towers',
      'Palm Jumeirah',
      'Business Bay',
    ],
    weight: 8,
    names: 'gulf',
  },
  {
    city: 'Riyadh',
    region: 'SA-01',
    timeZone: 'Asia/Riyadh',
    prefixes: ['+96650', '+96655'],
    subscriberDigits: 7,
    numbering: 'plain',
    neighborhoods: ['Al Olaya', 'Al Malqa', 'Hittin', 'Al Nakheel', 'Al Yasmin'],
    weight: 7,
    names: 'gulf',
  },
];

export const demoInterests = interestTags;

export const propertyTypes = ['apartment', 'house', 'townhouse', 'condo', 'villa'];
export const lifecycleStages = ['lead', 'prospect', 'customer', 'past_customer'];

export const gulfFirstNames = [
  'Omar',
  'Layla',
  'Khalid',
  'Noura',
  'Faisal',
  'Aisha',
  'Yousef',
  'Mariam',
  'Hamad',
  'Reem',
  'Saeed',
  'Huda',
  'Abdullah',
  'Fatima',
  'Tariq',
  'Salma',
  'Majid',
  'Dana',
  'Rashid',
  'Lina',
];
export const gulfLastNames = [
  'Al Mansouri',
  'Al Qahtani',
  'Al Hashimi',
  'Al Suwaidi',
  'Al Otaibi',
  'Haddad',
  'Al Nuaimi',
  'Al Shamsi',
  'Al Harbi',
  'Al Zahrani',
  'Khoury',
  'Al Mazrouei',
  'Al Dossari',
  'Nasser',
];

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
