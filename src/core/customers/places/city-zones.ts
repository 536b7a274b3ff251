import cityTimezones from 'city-timezones';
import { squashPlaceName as squash, subdivisionOf } from './subdivisions';

/** A city of the registry's world-cities table, reduced to what placing a customer needs. */
interface CityPlace {
  country: string;
  /** The state or province, as a code when this table knows it (US-FL), else its name. */
  subdivision: string | undefined;
  zone: string;
}

let byName: Map<string, CityPlace[]> | undefined;

/** Built on first use: the table is 7,000 cities, read once per process. */
function citiesByName(): Map<string, CityPlace[]> {
  if (byName) return byName;
  byName = new Map();
  for (const city of cityTimezones.cityMapping) {
    if (!city.timezone) continue;
    const place: CityPlace = {
      country: city.iso2,
      subdivision: city.province ? (subdivisionOf(city.province, city.iso2) ?? city.province) : undefined,
      zone: city.timezone,
    };
    for (const name of new Set([squash(city.city), squash(city.city_ascii)])) {
      const list = byName.get(name) ?? [];
      list.push(place);
      byName.set(name, list);
    }
  }
  return byName;
}

/**
 * The zones a city name may be in, narrowed by what else is known of the customer: the subdivision of
 * their address (Portland, US-OR), else the country. Several cities of one name in several zones give
 * every zone; a name the table does not know gives none.
 */
export function zonesOfCity(
  city: string,
  known: { subdivisions: string[]; country: string | undefined },
): { zones: string[]; subdivisions: string[] } {
  let matches = citiesByName().get(squash(city)) ?? [];
  const inSubdivision = matches.filter((m) => m.subdivision && known.subdivisions.includes(m.subdivision));
  if (inSubdivision.length > 0) matches = inSubdivision;
  else if (known.country) matches = matches.filter((m) => m.country === known.country);
  return {
    zones: [...new Set(matches.map((m) => m.zone))],
    subdivisions: [
      ...new Set(
        matches.flatMap((m) => (m.subdivision && /^[A-Z]{2}-/.test(m.subdivision) ? [m.subdivision] : [])),
      ),
    ],
  };
}
