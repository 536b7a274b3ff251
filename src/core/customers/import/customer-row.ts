import {
  type CustomerImportField,
  customerImportFieldLabels,
  customerImportFields,
} from '@shared/contract/customers';
import { joinPlaces, placesOf, regionOf } from '../places/customer-places';
import { type CustomerRow, insertValueCount, valueAt } from './customer-insert-layout';
import type { ConsentLevel, WallClock } from './customer-values';
import { wallClockIn } from './customer-values';
import { type FieldReader, fieldReaders } from './field-readers';
import { invalidPhoneReason, readPhone } from './read-phone';

/** One problem with a row: the field at fault, a reason a person can act on, and what the cell says. */
export interface RowProblem {
  field: CustomerImportField | 'row';
  reason: string;
  value?: string;
}

export interface RowReadOptions {
  /** Country for numbers without a country code, e.g. "US". */
  region: string;
  /** What a "yes" in the consent column records (no-like values and blanks are none). */
  consentYes?: Exclude<ConsentLevel, 'none'>;
}

const fieldNumber = Object.fromEntries(customerImportFields.map((f, i) => [f, i])) as Record<
  CustomerImportField,
  number
>;
const fieldOrder = (field: RowProblem['field']) => (field === 'row' ? -1 : fieldNumber[field]);

/** Without these a row is no customer to call; any other field that cannot be read is left out. */
const requiredFields: ReadonlySet<RowProblem['field']> = new Set(['row', 'phone', 'firstName', 'fullName']);

export type RowRead = { customer: CustomerRow; warnings: RowProblem[] } | { problems: RowProblem[] };

/**
 * Builds the reader for one import once the file's columns are known: `columns` pairs each mapped field
 * with its cell's index. A row is read cell by cell into the values of the customer insert statement —
 * each cell through its field's compiled reader, no object of cells and no schema per row.
 */
export function createRowReader(
  options: RowReadOptions & { now: number },
  columns: readonly (readonly [CustomerImportField, number])[],
) {
  const readers = fieldReaders({ region: options.region, consentYes: options.consentYes ?? 'verbal' });
  const indexOf = (wanted: CustomerImportField) => columns.find(([f]) => f === wanted)?.[1];
  const phoneIndex = indexOf('phone');
  const firstNameIndex = indexOf('firstName');
  const fullNameIndex = indexOf('fullName');
  const others = columns
    .filter(([field]) => field !== 'phone')
    .map(([field, index]) => ({ field, index, read: readers[field as keyof typeof readers] as FieldReader }));
  /** What each field read to in the current row (by field number); undefined when empty or unreadable. */
  const got: unknown[] = new Array(customerImportFields.length);
  let problems: RowProblem[] = [];
  let field: CustomerImportField = 'phone';
  let cell = '';
  let failed = false;
  const fail = (message: string) => {
    failed = true;
    problems.push({ field, reason: `${customerImportFieldLabels[field]}: ${message}`, value: cell });
  };
  const str = (f: CustomerImportField) => got[fieldNumber[f]] as string | undefined;
  const num = (f: CustomerImportField) => got[fieldNumber[f]] as number | undefined;

  return (record: string[]): RowRead => {
    got.fill(undefined);
    problems = [];
    // The phone first: required, and its country is where the other fields are placed.
    const phoneText = cellOf(record, phoneIndex);
    const phone = phoneText === '' ? undefined : readPhone(phoneText, options.region);
    if (phone === undefined) problems.push({ field: 'phone', reason: 'phone: missing' });
    else if (!phone.ok)
      problems.push({
        field: 'phone',
        reason: `phone: ${invalidPhoneReason(phoneText, options.region)}`,
        value: phoneText,
      });
    for (const column of others) {
      cell = record[column.index].trim();
      if (cell === '') continue;
      field = column.field;
      failed = false;
      const value = column.read(cell, fail);
      if (!failed) got[fieldNumber[field]] = value;
    }
    const firstName = str('firstName');
    const fullName = str('fullName');
    // Checked on the cells: a name that is there but too long is a problem of its own, reported above.
    if (cellOf(record, firstNameIndex) === '' && cellOf(record, fullNameIndex) === '')
      problems.push({ field: 'firstName', reason: 'first name: missing', value: '' });
    if (problems.length > 1) problems.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
    if (!phone?.ok || problems.some((p) => requiredFields.has(p.field))) return { problems };

    // A customer who can be called is kept: the fields that cannot be read are left out, and said so.
    const warnings = problems;
    for (const w of warnings) w.reason = `${w.reason} (imported without it)`;
    const [first, ...rest] = firstName !== undefined ? [firstName] : (fullName ?? '').split(/\s+/);
    const lastName = firstName !== undefined ? (str('lastName') ?? '') : rest.join(' ');
    const country = phone.country ?? options.region;
    // A region that names no known place is left out like any unreadable optional field: the number and
    // the city still say where the customer may be.
    let region = str('region');
    if (region && !regionOf(region, country)) {
      warnings.push({
        field: 'region',
        reason: `${customerImportFieldLabels.region}: not a known state, province or country (e.g. FL, Florida, US-FL or GB) (imported without it)`,
        value: region,
      });
      region = undefined;
    }
    const city = str('city');
    const postalCode = str('postalCode');
    const place = placesOf({
      phone: phone.e164,
      country: phone.country,
      timeZone: str('timeZone'),
      region,
      city,
      postalCode,
      homeCountry: options.region,
    });
    const budget = got[fieldNumber.budget] as [number, number] | undefined;
    // Dates without a zone of their own are read in the customer's; with none known, in UTC.
    const zone = place.timeZone || 'UTC';
    const contractEnds = got[fieldNumber.contractEndsAt] as WallClock | undefined;
    const booking = got[fieldNumber.bookingAt] as WallClock | undefined;

    const values: unknown[] = new Array(insertValueCount);
    values[valueAt.firstName] = first;
    values[valueAt.phone] = phone.e164;
    values[valueAt.timeZone] = place.timeZone;
    values[valueAt.timeZones] = joinPlaces(place.timeZones);
    values[valueAt.regions] = joinPlaces(place.regions);
    values[valueAt.region] = place.region ?? null;
    values[valueAt.createdAt] = options.now;
    values[valueAt.updatedAt] = options.now;
    values[valueAt.externalId] = str('externalId') ?? null;
    values[valueAt.lastName] = lastName;
    values[valueAt.email] = str('email') ?? null;
    values[valueAt.city] = city ?? null;
    values[valueAt.postalCode] = postalCode ?? null;
    values[valueAt.neighborhood] = str('neighborhood') ?? null;
    values[valueAt.budgetMin] = (budget ? budget[0] : num('budgetMin')) ?? null;
    values[valueAt.budgetMax] = (budget ? budget[1] : num('budgetMax')) ?? null;
    values[valueAt.preferredPropertyType] = str('preferredPropertyType') ?? null;
    values[valueAt.lifecycleStage] = str('lifecycleStage') ?? 'lead';
    values[valueAt.bookingStatus] = str('bookingStatus') ?? (booking ? 'scheduled' : 'none');
    values[valueAt.lastContactedAt] = num('lastContactedAt') ?? null;
    values[valueAt.customerSince] = num('customerSince') ?? null;
    values[valueAt.lifetimeValue] = num('lifetimeValue') ?? 0;
    values[valueAt.consent] = str('consent') ?? 'none';
    values[valueAt.consentAt] = num('consentAt') ?? null;
    const customer: CustomerRow = { values };
    const tags = got[fieldNumber.tags] as string[] | undefined;
    if (tags) customer.tags = tags;
    if (contractEnds) customer.contractEndsAt = wallClockIn(contractEnds, zone);
    if (booking) customer.bookingAt = wallClockIn(booking, zone);
    return { customer, warnings };
  };
}

const cellOf = (record: string[], index: number | undefined) =>
  index === undefined ? '' : record[index].trim();
