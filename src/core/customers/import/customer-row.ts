import { z } from 'zod';
import {
  type CustomerImportField,
  customerImportFieldLabels,
  customerImportFields,
} from '../../../shared/contract/customers';
import { lifecycleStages, propertyTypes } from '../../db/seed/demo-catalog';
import { isTimeZone, placesOf, regionOf } from '../places/customer-places';
import {
  type ConsentLevel,
  readAmount,
  readBudgetRange,
  readChoice,
  readConsent,
  readDate,
  readTags,
  readWallClock,
  type WallClock,
  wallClockIn,
} from './customer-values';
import { invalidPhoneReason, readPhone } from './read-phone';

/** A customer as read from one row of a file, ready to write. Absent fields were not mapped or were empty. */
export interface CustomerDraft {
  externalId?: string;
  firstName: string;
  lastName: string;
  phone: string;
  email?: string;
  /** The zone shown; '' when no zone is known (the customer is then held, never called on a guess). */
  timeZone: string;
  /** Every zone and region the customer may be in (address and number). */
  timeZones: string[];
  regions: string[];
  region?: string;
  city?: string;
  postalCode?: string;
  neighborhood?: string;
  budgetMin?: number;
  budgetMax?: number;
  preferredPropertyType?: string;
  lifecycleStage?: string;
  bookingStatus?: string;
  lastContactedAt?: number;
  customerSince?: number;
  lifetimeValue?: number;
  consent?: string;
  consentAt?: number;
  /** The end of the customer's active lease/contract, in their time zone (renewal campaigns). */
  contractEndsAt?: number;
  /** A viewing booked for the customer, in their time zone (reminder campaigns). */
  bookingAt?: number;
  tags?: string[];
}

/** One problem with a row: the field at fault, a reason a person can act on, and what the cell says. */
export interface RowProblem {
  field: CustomerImportField | 'row';
  reason: string;
  value?: string;
}

/** The mapped cells of a row: trimmed text, empty cells absent. */
export type MappedCells = Partial<Record<CustomerImportField, string>>;

export interface RowReadOptions {
  /** Country for numbers without a country code, e.g. "US". */
  region: string;
  /** What a "yes" in the consent column records (no-like values and blanks are none). */
  consentYes?: Exclude<ConsentLevel, 'none'>;
}

const bookingStatuses = ['none', 'scheduled', 'completed', 'cancelled', 'no_show'];
const oneOf = (values: string[]) => `must be one of ${values.join(', ')}`;

/** A zod schema turning mapped cells into a draft; every issue's path is the field it is about. */
function rowSchema({ region, consentYes = 'verbal' }: Pick<RowReadOptions, 'region' | 'consentYes'>) {
  const text = (max: number) => z.string().max(max, `longer than ${max} characters`).optional();
  const choice = (values: string[]) =>
    z
      .string()
      .transform(readChoice)
      .refine((v) => values.includes(v), oneOf(values))
      .optional();
  const reading = <T>(read: (text: string) => T | undefined, message: string) =>
    z
      .string()
      .transform((value, ctx) => {
        const result = read(value);
        if (result === undefined) ctx.addIssue({ code: 'custom', message });
        return result as T;
      })
      .optional();
  const date = reading((v) => readDate(v, region), 'not a date (use YYYY-MM-DD)');
  const wallClock = reading<WallClock>(
    (v) => readWallClock(v, region),
    'not a date (use YYYY-MM-DD, and HH:MM for a time)',
  );
  const amount = reading((v) => {
    const n = readAmount(v);
    return n !== undefined && n >= 0 ? n : undefined;
  }, 'not an amount');

  return z.object({
    externalId: text(100),
    firstName: text(100),
    lastName: text(100),
    fullName: text(200),
    phone: z.string({ error: 'missing' }).transform((value, ctx) => {
      const phone = readPhone(value, region);
      if (!phone.ok) ctx.addIssue({ code: 'custom', message: invalidPhoneReason(value, region) });
      return phone;
    }),
    email: z.email('not a valid email address').max(200, 'longer than 200 characters').optional(),
    timeZone: z.string().refine(isTimeZone, 'not a known time zone (use e.g. America/New_York)').optional(),
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
    tags: z
      .string()
      .transform(readTags)
      .refine((t) => t.length <= 50, 'more than 50 tags')
      .refine((t) => t.every((tag) => tag.length <= 50), 'a tag is longer than 50 characters')
      .optional(),
  });
}

const fieldOrder = (field: RowProblem['field']) => (customerImportFields as readonly string[]).indexOf(field);

/** Without these a row is no customer to call; any other field that cannot be read is left out. */
const requiredFields: ReadonlySet<RowProblem['field']> = new Set(['row', 'phone', 'firstName', 'fullName']);

export type RowReader = (
  cells: MappedCells,
) => { draft: CustomerDraft; warnings: RowProblem[] } | { problems: RowProblem[] };

/** Builds the reader for one import: the schema is made once, then applied to every row. */
export function createRowReader(options: RowReadOptions): RowReader {
  const schema = rowSchema(options);
  const problemsOf = (cells: MappedCells, error: z.ZodError | undefined): RowProblem[] =>
    (error?.issues ?? []).map((issue) => {
      const field = String(issue.path[0] ?? 'row') as CustomerImportField;
      return {
        field,
        reason: `${customerImportFieldLabels[field] ?? field}: ${issue.message}`,
        value: cells[field],
      };
    });
  return (cells) => {
    let parsed = schema.safeParse(cells);
    // Checked apart from the schema: zod skips object-level checks once a field has failed.
    const nameMissing = !cells.firstName && !cells.fullName;
    const problems = problemsOf(cells, parsed.error);
    if (nameMissing) problems.push({ field: 'firstName', reason: 'first name: missing', value: '' });
    problems.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
    if (problems.some((p) => requiredFields.has(p.field))) return { problems };
    // A customer who can be called is kept: the fields that cannot be read are left out, and said so.
    const warnings = problems.map((p) => ({ ...p, reason: `${p.reason} (imported without it)` }));
    if (warnings.length > 0) {
      const kept = { ...cells };
      for (const w of warnings) delete kept[w.field as CustomerImportField];
      parsed = schema.safeParse(kept);
      if (!parsed.success) return { problems: problemsOf(kept, parsed.error) };
    }
    const row = parsed.data!;
    if (!row.phone.ok) throw new Error('unreachable: phone issue without zod issue');
    const [firstName, ...rest] = row.firstName ? [row.firstName] : (row.fullName ?? '').split(/\s+/);
    const lastName = row.firstName ? (row.lastName ?? '') : rest.join(' ');
    const country = row.phone.country ?? options.region;
    // A region that names no known place is left out like any unreadable optional field: the number and
    // the city still say where the customer may be.
    let region = row.region;
    if (region && !regionOf(region, country)) {
      warnings.push({
        field: 'region',
        reason: `${customerImportFieldLabels.region}: not a known state, province or country (e.g. FL, Florida, US-FL or GB) (imported without it)`,
        value: region,
      });
      region = undefined;
    }
    const place = placesOf({
      phone: row.phone.e164,
      country: row.phone.country,
      timeZone: row.timeZone,
      region,
      city: row.city,
      postalCode: row.postalCode,
      homeCountry: options.region,
    });
    const [budgetMin, budgetMax] = row.budget ?? [row.budgetMin, row.budgetMax];
    // Dates without a zone of their own are read in the customer's; with none known, in UTC.
    const timeZone = place.timeZone || 'UTC';
    return {
      warnings,
      draft: {
        externalId: row.externalId,
        firstName,
        lastName,
        phone: row.phone.e164,
        email: row.email,
        timeZone: place.timeZone,
        timeZones: place.timeZones,
        regions: place.regions,
        region: place.region,
        city: row.city,
        postalCode: row.postalCode,
        neighborhood: row.neighborhood,
        budgetMin,
        budgetMax,
        preferredPropertyType: row.preferredPropertyType,
        lifecycleStage: row.lifecycleStage,
        bookingStatus: row.bookingStatus ?? (row.bookingAt ? 'scheduled' : undefined),
        lastContactedAt: row.lastContactedAt,
        customerSince: row.customerSince,
        lifetimeValue: row.lifetimeValue,
        consent: row.consent,
        consentAt: row.consentAt,
        contractEndsAt: row.contractEndsAt && wallClockIn(row.contractEndsAt, timeZone),
        bookingAt: row.bookingAt && wallClockIn(row.bookingAt, timeZone),
        tags: row.tags,
      },
    };
  };
}
