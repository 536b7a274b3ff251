import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Db } from '../../db/open';
import { isTimeZone, joinPlaces, placesOf } from './customer-places';

/** Written to settings once every customer's places were worked out by this version's rules. */
const doneKey = 'customers.places.v1';
/** What earlier versions gave a customer when nothing said where they were: a guess, not a place. */
const formerGuess = 'America/New_York';
const batchSize = 5_000;

interface StoredCustomer {
  id: number;
  phone: string;
  phoneValid: number;
  timeZone: string;
  region: string | null;
  city: string | null;
  postalCode: string | null;
}

/**
 * Works out again, once, where every customer of a database written by an earlier version may be: that
 * version let the area code override the city, kept one zone for codes spanning two, read a state column
 * FL as region "FL", and put anyone it could not place in New York. A zone stored earlier is kept as one
 * of the candidates unless it is that New York guess. Returns how many customers were looked at.
 */
export function rederiveCustomerPlaces(db: Db): number {
  const client = db.$client;
  if (client.prepare('select 1 from settings where key = ?').get(doneKey)) return 0;
  // A database still at an older schema (only ever in tests of upgrades) has nothing to work out yet.
  const columns = client.pragma('table_info(customers)') as { name: string }[];
  if (!columns.some((c) => c.name === 'time_zones')) return 0;
  const read =
    client.prepare(`select id, phone, phone_valid as phoneValid, time_zone as timeZone, region, city,
      postal_code as postalCode from customers where id > ? order by id limit ?`);
  const write = client.prepare(
    'update customers set time_zone = ?, time_zones = ?, regions = ?, region = ? where id = ?',
  );
  let cursor = 0;
  let seen = 0;
  for (;;) {
    const rows = read.all(cursor, batchSize) as StoredCustomer[];
    if (rows.length === 0) break;
    client
      .transaction(() => {
        for (const row of rows) {
          const country = row.phoneValid ? parsePhoneNumberFromString(row.phone)?.country : undefined;
          const places = placesOf({
            phone: row.phone,
            country,
            region: row.region ?? undefined,
            city: row.city ?? undefined,
            postalCode: row.postalCode ?? undefined,
          });
          const zones = places.timeZones;
          const kept =
            row.timeZone !== formerGuess && isTimeZone(row.timeZone) && !zones.includes(row.timeZone);
          if (kept) zones.unshift(row.timeZone);
          const shown = zones.includes(row.timeZone) ? row.timeZone : places.timeZone;
          write.run(
            shown,
            joinPlaces(zones),
            joinPlaces(places.regions),
            places.region ?? row.region,
            row.id,
          );
        }
      })
      .immediate();
    cursor = rows[rows.length - 1].id;
    seen += rows.length;
  }
  client.prepare("insert into settings (key, value) values (?, 'true') on conflict do nothing").run(doneKey);
  return seen;
}
