import { type SQL, sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** Stored as epoch milliseconds; drizzle hands back `Date`. */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The id the customer has in the supervisor's CRM, if any; re-imports update by it. */
    externalId: text('external_id').unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull().default(''),
    /**
     * E.164 when `phoneValid`; otherwise the raw text that failed to parse, kept so nothing is lost.
     * Unique among real customers; demo customers share the few fictional numbers there are.
     */
    phone: text('phone').notNull(),
    phoneValid: integer('phone_valid', { mode: 'boolean' }).notNull().default(true),
    email: text('email'),
    /**
     * The zone shown for the customer (IANA, e.g. America/Los_Angeles): the first of `timeZones`, or ''
     * when none is known.
     */
    timeZone: text('time_zone').notNull(),
    /**
     * Every zone the customer may be in, space-separated: their address's (time zone, state, city, postal
     * code) and their number's area code's. Calls go only where the windows of all of them overlap; empty
     * means "time zone unknown": the customer is held, never called on a guess.
     */
    timeZones: text('time_zones').notNull().default(''),
    /** ISO 3166 country + subdivision of the address when known, e.g. US-FL. */
    region: text('region'),
    /**
     * Every region the customer may be in (address and area code), space-separated: the strictest
     * regional calling rules among them apply.
     */
    regions: text('regions').notNull().default(''),
    postalCode: text('postal_code'),
    /** Made up by the demo data generator: fictional numbers, never dialled by a real provider. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    city: text('city'),
    neighborhood: text('neighborhood'),
    budgetMin: integer('budget_min'),
    budgetMax: integer('budget_max'),
    preferredPropertyType: text('preferred_property_type'),
    /** lead | prospect | customer | past_customer */
    lifecycleStage: text('lifecycle_stage').notNull().default('lead'),
    /** none | scheduled | completed | cancelled | no_show */
    bookingStatus: text('booking_status').notNull().default('none'),
    lastContactedAt: timestamp('last_contacted_at'),
    customerSince: timestamp('customer_since'),
    lifetimeValue: real('lifetime_value').notNull().default(0),
    /** none | verbal | written — marketing calls need written consent. */
    consent: text('consent').notNull().default('none'),
    consentAt: timestamp('consent_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    /**
     * One bit per interest of the vocabulary (`interest_bits`) this customer is tagged with, so an
     * audience tests interests inside an index instead of looking tags up row by row. Derived from
     * `customer_tags` by triggers (see the migration); a writer may set it with the row when it writes
     * the same tags (the seed does).
     */
    interestMask: integer('interest_mask').notNull().default(0),
    /** The number is on the DNC list; kept by triggers on `dnc_numbers` and on this table's phone. */
    onDnc: integer('on_dnc', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => {
    /** What an audience count reads of every matched customer: interests, its suppression buckets and what holds it. */
    const suppression = [
      t.interestMask,
      t.lastContactedAt,
      t.consent,
      suppressionTally(t),
      eligibleTally(t),
    ] as const;
    return [
      // Demo customers share the few fictional numbers there are; a real number belongs to one customer.
      uniqueIndex('customers_phone_unique').on(t.phone).where(sql`${t.demo} = 0`),
      // The DNC triggers find a number's demo customers through this one (without it, every number added
      // to the list scanned all the customers).
      index('customers_demo_phone_idx').on(t.phone).where(sql`${t.demo} = 1`),
      index('customers_last_name_idx').on(sql`${t.lastName} collate nocase`),
      index('customers_first_name_idx').on(sql`${t.firstName} collate nocase`),
      // Audience counts read one of these and never the table. By stage, then place: a rule on the city
      // or the neighborhood alone is found by skipping from stage to stage (four of them), which the
      // planner does once ANALYZE has counted them. By id for audiences found through viewings,
      // contracts or tags. Each index holding last_contacted_at costs every dial an update, so two only.
      index('customers_audience_idx').on(
        t.lifecycleStage,
        t.city,
        t.neighborhood,
        ...suppression,
        t.lifetimeValue,
      ),
      // With demo: the engine's refill for real calls skips demo customers from this index too.
      index('customers_audience_id_idx').on(t.id, ...suppression, t.demo),
      // The audience builder suggests the time zones customers have (distinct values, read off this index).
      index('customers_time_zone_idx').on(t.timeZone),
      // The Customers page sorts by these (and the date and value criteria seek on them).
      index('customers_last_contacted_idx').on(t.lastContactedAt),
      index('customers_customer_since_idx').on(t.customerSince),
      index('customers_lifetime_value_idx').on(t.lifetimeValue),
    ];
  },
);

/**
 * The interests that have a bit in `customers.interest_mask`: the audience builder's suggestions, in
 * their order (bit = position). Other tags are matched through `customer_tags` only.
 */
export const interestBits = sqliteTable('interest_bits', {
  tag: text('tag').primaryKey(),
  bit: integer('bit').notNull().unique(),
});

/** Interests and other labels; one row per (customer, tag). */
export const customerTags = sqliteTable(
  'customer_tags',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.tag] }),
    index('customer_tags_tag_idx').on(t.tag, t.customerId),
  ],
);

export const properties = sqliteTable(
  'properties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    city: text('city').notNull(),
    neighborhood: text('neighborhood').notNull(),
    /** apartment | house | townhouse | condo | land | commercial */
    propertyType: text('property_type').notNull(),
    price: integer('price').notNull(),
    bedrooms: integer('bedrooms'),
    /** available | reserved | sold | leased */
    status: text('status').notNull().default('available'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('properties_neighborhood_idx').on(t.neighborhood)],
);

/** Viewings booked by customers. */
export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    propertyId: integer('property_id').references(() => properties.id, { onDelete: 'set null' }),
    scheduledAt: timestamp('scheduled_at').notNull(),
    /** scheduled | completed | cancelled | no_show */
    status: text('status').notNull().default('scheduled'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('bookings_customer_idx').on(t.customerId, t.scheduledAt),
    // Viewing audiences: who has a viewing in a window that is not cancelled, from the index alone.
    index('bookings_scheduled_idx').on(t.scheduledAt, t.customerId, t.status),
  ],
);

/** Leases and service contracts, for renewal campaigns. */
export const contracts = sqliteTable(
  'contracts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    propertyId: integer('property_id').references(() => properties.id, { onDelete: 'set null' }),
    /** lease | sale | management */
    kind: text('kind').notNull(),
    startsAt: timestamp('starts_at').notNull(),
    endsAt: timestamp('ends_at'),
    monthlyValue: real('monthly_value'),
    /** active | ended | renewed */
    status: text('status').notNull().default('active'),
  },
  (t) => [
    // Renewal audiences: active contracts ending in a window, and whose they are, from the index alone.
    index('contracts_status_ends_idx').on(t.status, t.endsAt, t.customerId),
    index('contracts_customer_idx').on(t.customerId),
  ],
);

type TallyColumns = Record<'onDnc' | 'consent' | 'phoneValid' | 'timeZones' | 'demo', SQLiteColumn>;

/**
 * An audience count's suppression buckets for one customer, packed so that adding the expression up over
 * the matched customers counts all three at once (21 bits each: on the DNC list, no consent, invalid
 * number). The audience indexes hold its value (an index on the expression), so a count of a million
 * customers is one addition per row read from the index instead of eight filtered counts, which is what
 * made broad audiences slow. A query must use this very expression for SQLite to read it from the index.
 * See `count-audience.ts` for the unpacking.
 */
export const suppressionTally = (t: TallyColumns): SQL =>
  sql`(${t.onDnc} + ((${t.consent} = 'none') << 21) + ((${t.phoneValid} = 0) << 42))`;

/**
 * Likewise for a customer no list suppresses: 1 (eligible unless called too recently), plus the reasons
 * a campaign still holds them (no known time zone, demo data); 0 for a suppressed customer.
 */
export const eligibleTally = (t: TallyColumns): SQL =>
  // Written without commas: drizzle-kit cuts an index's expressions at them.
  sql`(case when ${t.onDnc} = 1 or ${t.consent} = 'none' or ${t.phoneValid} = 0 then 0 else 1 + ((${t.timeZones} = '') << 21) + (${t.demo} << 42) end)`;
