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
  },
  (t) => [
    index('customers_last_name_idx').on(sql`${t.lastName} collate nocase`),
    index('customers_first_name_idx').on(sql`${t.firstName} collate nocase`),
    index('customers_city_idx').on(t.city),
    index('customers_neighborhood_idx').on(t.neighborhood),
    index('customers_time_zone_idx').on(t.timeZone),
    index('customers_lifecycle_stage_idx').on(t.lifecycleStage),
    index('customers_booking_status_idx').on(t.bookingStatus),
    index('customers_last_contacted_idx').on(t.lastContactedAt),
    index('customers_customer_since_idx').on(t.customerSince),
    index('customers_lifetime_value_idx').on(t.lifetimeValue),
    index('customers_budget_idx').on(t.budgetMin, t.budgetMax),
    index('customers_property_type_idx').on(t.preferredPropertyType),
    index('customers_consent_idx').on(t.consent),
  ],
);

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
    index('bookings_scheduled_idx').on(t.scheduledAt, t.customerId),
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
    index('contracts_ends_idx').on(t.endsAt, t.customerId),
    index('contracts_customer_idx').on(t.customerId),
  ],
);
