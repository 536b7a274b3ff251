import type { CustomerImportField } from '@shared/contract/customers';
import { z } from 'zod';
import { lifecycleStages, propertyTypes } from '../../db/seed/demo-catalog';
import { isTimeZone } from '../places/customer-places';
import {
  type ConsentLevel,
  readAmount,
  readBudgetRange,
  readChoice,
  readConsent,
  readDate,
  readTags,
  readWallClock,
} from './customer-values';

/**
 * Reads one trimmed, non-empty cell: returns its value, or calls `fail` once per rule it breaks (and
 * the value is then left out). Compiled once per import, per mapped column, so a row costs one call per
 * cell — no object of the row's cells and no schema walk per row.
 */
export type FieldReader = (text: string, fail: (message: string) => void) => unknown;

export interface FieldReadOptions {
  /** Country for numbers and dates, e.g. "US". */
  region: string;
  /** What a "yes" in the consent column records. */
  consentYes: Exclude<ConsentLevel, 'none'>;
}

const bookingStatuses = ['none', 'scheduled', 'completed', 'cancelled', 'no_show'];
const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
/** The same test as the zod `z.email()` the import used to run per row (the boundary refuses what it refused). */
const emailPattern = z.regexes.email;

const text =
  (max: number): FieldReader =>
  (value, fail) => {
    if (value.length > max) fail(`longer than ${max} characters`);
    return value;
  };

const choice = (values: readonly string[]): FieldReader => {
  const allowed = new Set(values);
  const message = oneOf(values);
  return (value, fail) => {
    const read = readChoice(value);
    if (!allowed.has(read)) fail(message);
    return read;
  };
};

const reading =
  <T>(read: (text: string) => T | undefined, message: string): FieldReader =>
  (value, fail) => {
    const result = read(value);
    if (result === undefined) fail(message);
    return result;
  };

/**
 * The reader of every field but the phone (read on its own: its country places the customer), with the
 * rules and messages of the import's row schema.
 */
export function fieldReaders({
  region,
  consentYes,
}: FieldReadOptions): Record<Exclude<CustomerImportField, 'phone'>, FieldReader> {
  const date = reading((v) => readDate(v, region), 'not a date (use YYYY-MM-DD)');
  const wallClock = reading(
    (v) => readWallClock(v, region),
    'not a date (use YYYY-MM-DD, and HH:MM for a time)',
  );
  const amount = reading((v) => {
    const n = readAmount(v);
    return n !== undefined && n >= 0 ? n : undefined;
  }, 'not an amount');
  return {
    externalId: text(100),
    firstName: text(100),
    lastName: text(100),
    fullName: text(200),
    email: (value, fail) => {
      if (!emailPattern.test(value)) fail('not a valid email address');
      if (value.length > 200) fail('longer than 200 characters');
      return value;
    },
    timeZone: (value, fail) => {
      if (!isTimeZone(value)) fail('not a known time zone (use e.g. America/New_York)');
      return value;
    },
    // Read against the number's country once it is known (FL is Florida for a US number).
    region: text(100),
    city: text(100),
    postalCode: text(20),
    neighborhood: text(100),
    budget: reading(readBudgetRange, 'not an amount or range (e.g. 300000-450000)'),
    budgetMin: amount,
    budgetMax: amount,
    preferredPropertyType: choice(propertyTypes),
    lifecycleStage: choice(lifecycleStages),
    bookingStatus: choice(bookingStatuses),
    lastContactedAt: date,
    customerSince: date,
    lifetimeValue: amount,
    consent: reading(
      (v) => readConsent(v, consentYes),
      'not a consent answer (use yes/no, true/false, 1/0, opted in/out, or none/verbal/written)',
    ),
    consentAt: date,
    contractEndsAt: wallClock,
    bookingAt: wallClock,
    tags: (value, fail) => {
      const tags = readTags(value);
      if (tags.length > 50) fail('more than 50 tags');
      if (tags.some((tag) => tag.length > 50)) fail('a tag is longer than 50 characters');
      return tags;
    },
  };
}
