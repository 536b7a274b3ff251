/**
 * US states and territories, Canadian provinces and Australian states, with their names and every time zone inside each:
 * a file's "state" column says FL or Florida, and calling hours must hold in all of a state's zones when
 * nothing narrows it down. Checked against the IANA database in a test.
 */
const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

const subdivisions: [code: string, name: string, zones: string][] = [
  ['US-AL', 'Alabama', `${CT} ${ET}`],
  ['US-AK', 'Alaska', 'America/Anchorage America/Adak'],
  ['US-AZ', 'Arizona', `America/Phoenix ${MT}`],
  ['US-AR', 'Arkansas', CT],
  ['US-CA', 'California', PT],
  ['US-CO', 'Colorado', MT],
  ['US-CT', 'Connecticut', ET],
  ['US-DE', 'Delaware', ET],
  ['US-DC', 'District of Columbia', ET],
  ['US-FL', 'Florida', `${ET} ${CT}`],
  ['US-GA', 'Georgia', ET],
  ['US-HI', 'Hawaii', 'Pacific/Honolulu'],
  ['US-ID', 'Idaho', `America/Boise ${PT}`],
  ['US-IL', 'Illinois', CT],
  ['US-IN', 'Indiana', `America/Indiana/Indianapolis ${CT}`],
  ['US-IA', 'Iowa', CT],
  ['US-KS', 'Kansas', `${CT} ${MT}`],
  ['US-KY', 'Kentucky', `${ET} ${CT}`],
  ['US-LA', 'Louisiana', CT],
  ['US-ME', 'Maine', ET],
  ['US-MD', 'Maryland', ET],
  ['US-MA', 'Massachusetts', ET],
  ['US-MI', 'Michigan', 'America/Detroit America/Menominee'],
  ['US-MN', 'Minnesota', CT],
  ['US-MS', 'Mississippi', CT],
  ['US-MO', 'Missouri', CT],
  ['US-MT', 'Montana', MT],
  ['US-NE', 'Nebraska', `${CT} ${MT}`],
  ['US-NV', 'Nevada', `${PT} ${MT}`],
  ['US-NH', 'New Hampshire', ET],
  ['US-NJ', 'New Jersey', ET],
  ['US-NM', 'New Mexico', MT],
  ['US-NY', 'New York', ET],
  ['US-NC', 'North Carolina', ET],
  ['US-ND', 'North Dakota', `${CT} ${MT}`],
  ['US-OH', 'Ohio', ET],
  ['US-OK', 'Oklahoma', CT],
  ['US-OR', 'Oregon', `${PT} America/Boise`],
  ['US-PA', 'Pennsylvania', ET],
  ['US-RI', 'Rhode Island', ET],
  ['US-SC', 'South Carolina', ET],
  ['US-SD', 'South Dakota', `${CT} ${MT}`],
  ['US-TN', 'Tennessee', `${CT} ${ET}`],
  ['US-TX', 'Texas', `${CT} ${MT}`],
  ['US-UT', 'Utah', MT],
  ['US-VT', 'Vermont', ET],
  ['US-VA', 'Virginia', ET],
  ['US-WA', 'Washington', PT],
  ['US-WV', 'West Virginia', ET],
  ['US-WI', 'Wisconsin', CT],
  ['US-WY', 'Wyoming', MT],
  ['US-PR', 'Puerto Rico', 'America/Puerto_Rico'],
  ['US-VI', 'U.S. Virgin Islands', 'America/St_Thomas'],
  ['US-GU', 'Guam', 'Pacific/Guam'],
  ['US-MP', 'Northern Mariana Islands', 'Pacific/Saipan'],
  ['US-AS', 'American Samoa', 'Pacific/Pago_Pago'],
  ['CA-AB', 'Alberta', 'America/Edmonton'],
  [
    'CA-BC',
    'British Columbia',
    'America/Vancouver America/Edmonton America/Creston America/Dawson_Creek America/Fort_Nelson',
  ],
  ['CA-MB', 'Manitoba', 'America/Winnipeg'],
  ['CA-NB', 'New Brunswick', 'America/Moncton'],
  ['CA-NL', 'Newfoundland and Labrador', 'America/St_Johns America/Goose_Bay'],
  ['CA-NS', 'Nova Scotia', 'America/Halifax'],
  ['CA-NT', 'Northwest Territories', 'America/Edmonton'],
  ['CA-NU', 'Nunavut', 'America/Iqaluit America/Rankin_Inlet America/Cambridge_Bay'],
  ['CA-ON', 'Ontario', 'America/Toronto America/Winnipeg'],
  ['CA-PE', 'Prince Edward Island', 'America/Halifax'],
  ['CA-QC', 'Quebec', 'America/Toronto America/Halifax'],
  ['CA-SK', 'Saskatchewan', 'America/Regina America/Edmonton'],
  ['CA-YT', 'Yukon', 'America/Whitehorse'],
  ['AU-ACT', 'Australian Capital Territory', 'Australia/Sydney'],
  ['AU-NSW', 'New South Wales', 'Australia/Sydney Australia/Broken_Hill'],
  ['AU-NT', 'Northern Territory', 'Australia/Darwin'],
  ['AU-QLD', 'Queensland', 'Australia/Brisbane Australia/Lindeman'],
  ['AU-SA', 'South Australia', 'Australia/Adelaide'],
  ['AU-TAS', 'Tasmania', 'Australia/Hobart'],
  ['AU-VIC', 'Victoria', 'Australia/Melbourne'],
  ['AU-WA', 'Western Australia', 'Australia/Perth Australia/Eucla'],
];

/** A place name reduced to its letters, accents dropped: "Québec" and "quebec" compare equal. */
export const squashPlaceName = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const zonesByCode = new Map(subdivisions.map(([code, , zones]) => [code, zones.split(' ')]));
/** "fl", "florida", "usfl" → US-FL; the same for provinces. */
const codeByName = new Map<string, string>();
for (const [code, name] of subdivisions) {
  codeByName.set(squashPlaceName(name), code);
  codeByName.set(squashPlaceName(code), code);
}

/** Every zone the table names, for the test that checks each against the IANA database. */
export const subdivisionZones = () => [...new Set([...zonesByCode.values()].flat())];

/** The zones of a subdivision code such as US-FL, or undefined for one not in the table. */
export const zonesOfSubdivision = (code: string) => zonesByCode.get(code);

/**
 * The subdivision a file's state/province cell names, in the customer's country: "FL", "Florida" or
 * "US-FL" → US-FL for a customer in the US; "ON" or "Ontario" → CA-ON in Canada. Undefined when the cell
 * names none (it may be a country code, or a region of a country this table does not cover).
 */
export function subdivisionOf(text: string, country: string | undefined): string | undefined {
  const squashed = squashPlaceName(text);
  const withCountry =
    country && squashed.length >= 2 && squashed.length <= 3
      ? `${country}-${squashed.toUpperCase()}`
      : undefined;
  if (withCountry && zonesByCode.has(withCountry)) return withCountry;
  const byName = codeByName.get(squashed);
  if (byName && (!country || byName.startsWith(`${country}-`) || squashed.length > 2)) return byName;
  return undefined;
}
