import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import { refreshAudienceColumns } from '../../audience/audience-columns';
import { interestMaskOf } from '../../audience/interest-mask';
import { placeOfNanpNumber } from '../../customers/places/nanp-area-codes';
import { SeededRandom } from '../../random/seeded-random';
import type { Db } from '../open';
import {
  type DemoCity,
  demoCities,
  demoInterests,
  demoPerson,
  lifecycleStages,
  propertyTypes,
} from './demo-catalog';
import { demoPhone } from './demo-phones';

export interface SeedOptions {
  customers: number;
  seed?: number;
  /** "Today" for the data: bookings and contract ends are placed around it. */
  now: number;
  batchSize?: number;
  /**
   * Build secondary indexes and triggers once after the rows instead of row by row; only into empty
   * tables. By default for 5,000 customers or more (3–4× faster at 20,000; smaller seeds are tests').
   */
  deferIndexes?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  customers: number;
  properties: number;
  bookings: number;
  contracts: number;
  tags: number;
  seconds: number;
}

const day = 86_400_000;
const namePoolSize = 400;

/**
 * faker is loaded when a seed needs it, one locale at a time: it would otherwise be a third of what
 * every `navaia` command loads before it starts.
 */
const fakerFor = (locale: 'en_US' | 'en_GB'): Faker =>
  (createRequire(import.meta.url)(`@faker-js/faker/locale/${locale}`) as { faker: Faker }).faker;

/** Names drawn once from faker with the seed, then picked by the fast PRNG: faker per row is too slow at 1M. */
function namePools(seed: number) {
  const fakerEN_US = fakerFor('en_US');
  const fakerEN_GB = fakerFor('en_GB');
  fakerEN_US.seed(seed);
  fakerEN_GB.seed(seed + 1);
  const pool = (make: () => string) => Array.from({ length: namePoolSize }, make);
  return {
    us: { first: pool(() => fakerEN_US.person.firstName()), last: pool(() => fakerEN_US.person.lastName()) },
    gb: { first: pool(() => fakerEN_GB.person.firstName()), last: pool(() => fakerEN_GB.person.lastName()) },
  };
}

/**
 * Secondary indexes cost more to maintain row by row than to build once: for a large seed into empty
 * tables they are dropped and recreated from their own definitions afterwards. So are the triggers that
 * keep the interest mask and the DNC flag, whose work the seed does itself: it writes each customer's
 * mask with its tags, and flags numbers already on the DNC list once at the end.
 */
function withIndexesDeferred(db: Db, tables: string[], run: () => void) {
  const client = db.$client;
  const deferred = client
    .prepare(
      `select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`,
    )
    .all(...tables) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const { type, name } of deferred) client.exec(`drop ${type} "${name.replaceAll('"', '""')}"`);
  try {
    run();
  } finally {
    refreshAudienceColumns(db, { fromId: 1, masks: false });
    for (const { sql } of deferred) client.exec(sql);
    client.exec('analyze');
  }
}

/**
 * Writes realistic real-estate demo data: customers across US, UK and Australian cities, marked as demo,
 * with fictional numbers (valid E.164 that regulators keep out of service) and matching time zones,
 * interests, properties, viewings and contracts near renewal.
 * Deterministic: the same options produce the same rows.
 */
export function seedDemoData(db: Db, options: SeedOptions): SeedResult {
  const started = process.hrtime.bigint();
  const seed = options.seed ?? 42;
  const random = new SeededRandom(seed);
  const names = namePools(seed);
  const now = options.now;
  const batchSize = options.batchSize ?? 10_000;
  const client = db.$client;
  const totalWeight = demoCities.reduce((sum, c) => sum + c.weight, 0);
  const startId = ((client.prepare('select max(id) from customers').pluck().get() as number | null) ?? 0) + 1;

  const insertCustomer = client.prepare(`insert into customers
    (id, first_name, last_name, phone, phone_valid, demo, email, time_zone, time_zones, region, regions, city, neighborhood,
     budget_min, budget_max, preferred_property_type, lifecycle_stage, booking_status, last_contacted_at, customer_since,
     lifetime_value, consent, consent_at, created_at, updated_at, interest_mask)
    values (?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTag = client.prepare('insert into customer_tags (customer_id, tag) values (?, ?)');
  const insertProperty = client.prepare(`insert into properties
    (title, city, neighborhood, property_type, price, bedrooms, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBooking = client.prepare(`insert into bookings
    (customer_id, property_id, scheduled_at, status, created_at) values (?, ?, ?, ?, ?)`);
  const insertContract = client.prepare(`insert into contracts
    (customer_id, property_id, kind, starts_at, ends_at, monthly_value, status) values (?, ?, ?, ?, ?, ?, ?)`);

  const counts = { customers: 0, properties: 0, bookings: 0, contracts: 0, tags: 0 };
  // Each city's UTC offset today, looked up once: per-row time-zone arithmetic is too slow at a million rows.
  const zoneOffsets = new Map(
    demoCities.map(
      (c) => [c.timeZone, DateTime.fromMillis(now, { zone: c.timeZone }).offset * 60_000] as const,
    ),
  );

  // Properties first: bookings and contracts refer to them.
  const firstPropertyId =
    ((client.prepare('select max(id) from properties').pluck().get() as number | null) ?? 0) + 1;
  const propertyCount = Math.max(50, Math.min(5_000, Math.round(options.customers / 20)));
  const propertyCities: string[] = [];
  client
    .transaction(() => {
      for (let i = 0; i < propertyCount; i++) {
        const city = random.weighted(demoCities, totalWeight);
        const type = random.pick(propertyTypes);
        const bedrooms = random.int(1, 5);
        const neighborhood = random.pick(city.neighborhoods);
        insertProperty.run(
          `${bedrooms}-bed ${type} in ${neighborhood}`,
          city.city,
          neighborhood,
          type,
          random.int(18, 250) * 10_000,
          bedrooms,
          random.pick(['available', 'available', 'available', 'reserved', 'sold', 'leased']),
          now - random.int(1, 720) * day,
        );
        propertyCities.push(city.city);
      }
    })
    .immediate();
  counts.properties = propertyCount;

  /** Customers given a number in each city so far: each takes the city's next fictional number. */
  const cityCounts = new Map<DemoCity, number>();
  const writeCustomer = (id: number) => {
    const isDemoPerson = id === 1;
    const city = isDemoPerson ? demoCities[0] : random.weighted(demoCities, totalWeight);
    const pool = names[city.names];
    const firstName = isDemoPerson ? demoPerson.firstName : random.pick(pool.first);
    const lastName = isDemoPerson ? demoPerson.lastName : random.pick(pool.last);
    // The customer id drives the number, so appending to a seeded database never repeats one.
    const inCity = cityCounts.get(city) ?? startId - 1;
    cityCounts.set(city, inCity + 1);
    const phone = isDemoPerson ? demoPerson.phone : demoPhone(city, inCity);
    // The number's area code may be another state's than the address: both are places the customer may be.
    const regions = [...new Set([city.region, ...(placeOfNanpNumber(phone)?.regions ?? [])])].join(' ');
    const neighborhood = isDemoPerson ? demoPerson.neighborhood : random.pick(city.neighborhoods);
    const stage = isDemoPerson ? 'lead' : random.pick(lifecycleStages);
    const budgetMin = random.int(15, 150) * 10_000;
    const customerSince = now - random.int(30, 6 * 365) * day;
    const consentRoll = random.next();
    const consent = isDemoPerson || consentRoll < 0.55 ? 'written' : consentRoll < 0.8 ? 'verbal' : 'none';
    const hasBooking = random.chance(stage === 'lead' ? 0.15 : 0.35);
    // Viewings on the hour between 09:00 and 18:00 in the city's own time.
    const offset = zoneOffsets.get(city.timeZone)!;
    const localMidnight = Math.floor((now + offset) / day) * day - offset;
    const bookingAt = localMidnight + random.int(-30, 30) * day + random.int(9, 18) * 3_600_000;
    const bookingStatus = !hasBooking
      ? 'none'
      : bookingAt > now
        ? 'scheduled'
        : random.pick(['completed', 'completed', 'cancelled', 'no_show']);
    const email = `${`${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '')}${id}@example.com`;
    // Drawn in the order of the columns, as they always were: a seed number keeps giving the same rows.
    const budgetMax = budgetMin + random.int(5, 100) * 10_000;
    const propertyType = random.pick(propertyTypes);
    const lastContactedAt = random.chance(0.4) ? null : now - random.int(1, 180) * day;
    const lifetimeValue = stage === 'customer' || stage === 'past_customer' ? random.int(20, 900) * 100 : 0;
    const tags = isDemoPerson ? [...demoPerson.tags] : random.sample(demoInterests, random.int(0, 4));
    insertCustomer.run(
      id,
      firstName,
      lastName,
      phone,
      isDemoPerson ? demoPerson.email : email,
      city.timeZone,
      city.timeZone,
      city.region,
      regions,
      city.city,
      neighborhood,
      budgetMin,
      budgetMax,
      propertyType,
      stage,
      bookingStatus,
      lastContactedAt,
      customerSince,
      lifetimeValue,
      consent,
      consent === 'none' ? null : customerSince,
      now,
      now,
      interestMaskOf(tags).mask,
    );
    counts.customers++;
    for (const tag of tags) insertTag.run(id, tag);
    counts.tags += tags.length;
    const propertyId = firstPropertyId + random.int(0, propertyCount - 1);
    if (hasBooking) {
      insertBooking.run(id, propertyId, bookingAt, bookingStatus, bookingAt - random.int(1, 20) * day);
      counts.bookings++;
    }
    if (stage === 'customer' || (stage === 'past_customer' && random.chance(0.5))) {
      const endsAt = now + random.int(-60, 400) * day;
      insertContract.run(
        id,
        propertyId,
        random.pick(['lease', 'lease', 'management']),
        endsAt - 365 * day,
        endsAt,
        random.int(12, 60) * 100,
        endsAt < now ? 'ended' : 'active',
      );
      counts.contracts++;
    }
  };

  const writeAll = () => {
    for (let done = 0; done < options.customers; ) {
      const size = Math.min(batchSize, options.customers - done);
      client
        .transaction(() => {
          for (let i = 0; i < size; i++) writeCustomer(startId + done + i);
        })
        .immediate();
      done += size;
      options.onProgress?.(done, options.customers);
    }
  };

  const emptyBefore = startId === 1;
  if (emptyBefore && (options.deferIndexes ?? options.customers >= 5_000)) {
    withIndexesDeferred(db, ['customers', 'customer_tags', 'bookings', 'contracts'], writeAll);
  } else {
    writeAll();
  }
  return { ...counts, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** First start of the app: a fresh database gets 10,000 demo customers so every screen has something. */
export function ensureDemoData(db: Db, now: number, customers = 10_000): SeedResult | undefined {
  const existing = db.$client.prepare('select count(*) from customers').pluck().get() as number;
  if (existing > 0) return undefined;
  return seedDemoData(db, { customers, now });
}
