import type { CustomerImportMapping } from '@shared/contract/customers';

/**
 * The customer insert's values, in its column order: the fixed ones (first name, phone, the places,
 * created and updated at), then the optional columns an import may set, each with the field(s) that must
 * be mapped for an update to write it (a file without an email column keeps the emails).
 */
const fixedColumns = [
  ['firstName', 'first_name'],
  ['phone', 'phone'],
  ['timeZone', 'time_zone'],
  ['timeZones', 'time_zones'],
  ['regions', 'regions'],
  ['region', 'region'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
] as const;

export const optionalColumns = [
  { name: 'externalId', column: 'external_id', fields: ['externalId'] },
  { name: 'lastName', column: 'last_name', fields: ['lastName', 'fullName'] },
  { name: 'email', column: 'email', fields: ['email'] },
  { name: 'city', column: 'city', fields: ['city'] },
  { name: 'postalCode', column: 'postal_code', fields: ['postalCode'] },
  { name: 'neighborhood', column: 'neighborhood', fields: ['neighborhood'] },
  { name: 'budgetMin', column: 'budget_min', fields: ['budget', 'budgetMin'] },
  { name: 'budgetMax', column: 'budget_max', fields: ['budget', 'budgetMax'] },
  { name: 'preferredPropertyType', column: 'preferred_property_type', fields: ['preferredPropertyType'] },
  { name: 'lifecycleStage', column: 'lifecycle_stage', fields: ['lifecycleStage'] },
  { name: 'bookingStatus', column: 'booking_status', fields: ['bookingStatus'] },
  { name: 'lastContactedAt', column: 'last_contacted_at', fields: ['lastContactedAt'] },
  { name: 'customerSince', column: 'customer_since', fields: ['customerSince'] },
  { name: 'lifetimeValue', column: 'lifetime_value', fields: ['lifetimeValue'] },
  { name: 'consent', column: 'consent', fields: ['consent'] },
  { name: 'consentAt', column: 'consent_at', fields: ['consentAt'] },
] as const satisfies readonly { name: string; column: string; fields: (keyof CustomerImportMapping)[] }[];

type ValueName = (typeof fixedColumns)[number][0] | (typeof optionalColumns)[number]['name'];

/** Where each value is in the insert's values. */
export const valueAt = Object.fromEntries(
  [...fixedColumns.map(([name]) => name), ...optionalColumns.map((c) => c.name)].map((name, i) => [name, i]),
) as Record<ValueName, number>;
export const fixedValueCount = fixedColumns.length;
export const insertValueCount = fixedColumns.length + optionalColumns.length;

/**
 * A customer ready to write: the values of the insert statement in the order above, and the tags; the
 * writer only binds them.
 */
export interface CustomerRow {
  values: unknown[];
  tags?: string[];
  /** Rows of their own tables: the end of the active lease/contract, and a booked viewing (epoch ms). */
  contractEndsAt?: number;
  bookingAt?: number;
}
