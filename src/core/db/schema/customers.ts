import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
    /** E.164 when `phoneValid`; otherwise the raw text that failed to parse, kept so nothing is lost. */
    phone: text('phone').notNull().unique(),
    phoneValid: integer('phone_valid', { mode: 'boolean' }).notNull().default(true),
    email: text('email'),
    /** IANA zone, e.g. America/Los_Angeles: calling hours are computed in it. */
    timeZone: text('time_zone').notNull(),
    /** ISO 3166 country + subdivision when known, e.g. US-FL: regional calling rules key on it. */
    region: text('region'),
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
    /** What an audience count reads of every matched customer: its suppression bucket and interests. */
    const suppression = [t.interestMask, t.lastContactedAt, t.consent, t.phoneValid, t.onDnc] as const;
    return [
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
      index('customers_audience_id_idx').on(t.id, ...suppression),
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
