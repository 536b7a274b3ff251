import { z } from 'zod';
import { event, method } from './define';
import type { CustomerImportReject } from './import-problems';
import { regionCodeSchema } from './settings';

export type { CustomerImportReject } from './import-problems';

export const customerSortFields = [
  'name',
  'city',
  'neighborhood',
  'lifecycleStage',
  'lastContactedAt',
  'customerSince',
  'lifetimeValue',
] as const;

export const customerListInput = z
  .object({
    /** Matches the start of first name, last name, full name, or phone digits. */
    search: z.string().trim().max(100).optional(),
    sort: z.enum(customerSortFields).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** One line of the customers table; dates are epoch milliseconds. */
export interface CustomerRow {
  id: number;
  firstName: string;
  lastName: string;
  phone: string;
  phoneValid: boolean;
  email: string | null;
  city: string | null;
  neighborhood: string | null;
  timeZone: string;
  lifecycleStage: string;
  bookingStatus: string;
  consent: string;
  lastContactedAt: number | null;
  customerSince: number | null;
  lifetimeValue: number;
  tags: string[];
}

export interface CustomerPage {
  total: number;
  offset: number;
  rows: CustomerRow[];
}

/** Customer fields a CSV column can be mapped to; `fullName` is split into first and last name. */
export const customerImportFields = [
  'externalId',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'email',
  'timeZone',
  'region',
  'city',
  'postalCode',
  'neighborhood',
  'budget',
  'budgetMin',
  'budgetMax',
  'preferredPropertyType',
  'lifecycleStage',
  'bookingStatus',
  'lastContactedAt',
  'customerSince',
  'lifetimeValue',
  'consent',
  'consentAt',
  'contractEndsAt',
  'bookingAt',
  'tags',
] as const;
export type CustomerImportField = (typeof customerImportFields)[number];

/** How reject reasons and the mapping step name each field. */
export const customerImportFieldLabels: Record<CustomerImportField, string> = {
  externalId: 'external id',
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'name',
  phone: 'phone',
  email: 'email',
  timeZone: 'time zone',
  region: 'state or region',
  city: 'city',
  postalCode: 'postal code',
  neighborhood: 'neighborhood',
  budget: 'budget',
  budgetMin: 'budget min',
  budgetMax: 'budget max',
  preferredPropertyType: 'property type',
  lifecycleStage: 'lifecycle stage',
  bookingStatus: 'booking status',
  lastContactedAt: 'last contacted',
  customerSince: 'customer since',
  lifetimeValue: 'lifetime value',
  consent: 'consent',
  consentAt: 'consent date',
  contractEndsAt: 'lease/contract end date',
  bookingAt: 'viewing date',
  tags: 'tags',
};

/**
 * What a "yes" in a consent column records. Verbal is the safe reading: it allows service calls
 * (reminders, renewals) but not marketing, which needs written consent — choose written only when the
 * column records a signed form or an online opt-in.
 */
export const consentYesLevels = ['verbal', 'written'] as const;
export type ConsentYesLevel = (typeof consentYesLevels)[number];

/** Field → the file's column header that holds it. */
export const customerImportMappingSchema = z
  .object(
    Object.fromEntries(customerImportFields.map((f) => [f, z.string().max(200).optional()])) as Record<
      CustomerImportField,
      z.ZodOptional<z.ZodString>
    >,
  )
  .strict();
export type CustomerImportMapping = Partial<Record<CustomerImportField, string>>;

const importId = z.string().regex(/^imp-[a-z0-9-]{1,40}$/, 'not an import id');

export interface CustomerImportPreview {
  headers: string[];
  guessedMapping: CustomerImportMapping;
  /** The first few data rows, as written in the file. */
  previewRows: string[][];
}

export interface CustomerImportProgress {
  importId: string;
  rowsProcessed: number;
  imported: number;
  updated: number;
  rejected: number;
  /** Rows imported with a field left out (a malformed email, an unknown consent value …). */
  warned: number;
}

export interface CustomerImportResult extends CustomerImportProgress {
  /** The first rejects, for showing; all of them are in the rejects CSV. */
  rejects: CustomerImportReject[];
  /** The first rows imported with a field left out, and why. */
  warnings: CustomerImportReject[];
  rejectsCsvBytes: number;
  /** Where the rejected rows are kept (private to the user, removed when the import is let go), if any. */
  rejectsFile: string | null;
  /** Demo customers still in the database: the import offers to remove them. */
  demoCustomers: number;
}

/** Upper bound on one uploaded piece: well under the WebSocket host's 64 MiB message limit. */
export const maxImportChunkChars = 4 * 1024 * 1024;

export const customerMethods = {
  'customers.list': method<CustomerPage>()(customerListInput),
  /** Reads the header and first rows of the start of a file, and guesses the column mapping. */
  'customers.import.preview': method<CustomerImportPreview>()(
    z.object({ sampleText: z.string().max(maxImportChunkChars) }).strict(),
  ),
  /** Starts an import; the file's text follows in order through `customers.import.chunk`. */
  'customers.import.begin': method<{ importId: string }>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(260),
        mapping: customerImportMappingSchema,
        /** Country used for numbers written without a country code; the default region setting if absent. */
        region: regionCodeSchema.optional(),
        consentYes: z.enum(consentYesLevels).default('verbal'),
      })
      .strict(),
  ),
  'customers.import.chunk': method<CustomerImportProgress>()(
    z.object({ importId, text: z.string().max(maxImportChunkChars) }).strict(),
  ),
  'customers.import.finish': method<CustomerImportResult>()(z.object({ importId }).strict()),
  /** Stops an import; batches already committed stay imported. */
  'customers.import.cancel': method<{ cancelled: boolean }>()(z.object({ importId }).strict()),
  /** Removes the demo customers (fictional numbers) once real ones are imported. */
  'customers.removeDemo': method<{ removed: number }>()(z.object({}).strict()),
  /** The rejects CSV of a finished import, in pieces: ask again from `nextOffset` until it is null. */
  'customers.import.rejectsCsv': method<{ text: string; nextOffset: number | null }>()(
    z.object({ importId, offset: z.number().int().min(0).default(0) }).strict(),
  ),
};

export const customerEvents = {
  'customer.importProgress': event<CustomerImportProgress>(),
};
