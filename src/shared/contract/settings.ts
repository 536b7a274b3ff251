import { z } from 'zod';
import { method } from './define';
import type { CustomerImportReject } from './import-problems';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour');
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** The legal envelope for outbound calls in the customer's local time; no setting may go outside it. */
export const legalCallingWindow = { start: '08:00', end: '21:00' } as const;

export const callingWindowSchema = z
  .object({ start: clockTime, end: clockTime })
  .refine((w) => minutesOf(w.start) < minutesOf(w.end), { message: 'the window must end after it starts' })
  .refine(
    (w) =>
      minutesOf(w.start) >= minutesOf(legalCallingWindow.start) &&
      minutesOf(w.end) <= minutesOf(legalCallingWindow.end),
    {
      message: `calls are only allowed between ${legalCallingWindow.start} and ${legalCallingWindow.end} local time`,
    },
  );

/** A country for numbers written without a country code (an import's `region`), in capitals. */
export const regionCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'use a two-letter country code, e.g. US')
  .transform((r) => r.toUpperCase());

export const settingsSchema = z.object({
  companyName: z.string().trim().min(1).max(100).default('Navaia Realty'),
  agentName: z.string().trim().min(1).max(60).default('Ava'),
  /** Region used to read phone numbers written without a country code. */
  defaultRegion: z.string().length(2).toUpperCase().default('US'),
  /** Default daily window in each customer's local time; campaigns may narrow it. */
  callingHours: callingWindowSchema.default({ start: '09:00', end: '20:00' }),
  /** A customer is called at most once per this many days, across all campaigns. */
  frequencyCapDays: z.number().int().min(0).max(365).default(7),
  /** How long a call whose customer asked for a person waits for an agent before the AI offers a callback. */
  escalationWaitSeconds: z
    .number()
    .int('use whole seconds')
    .min(10, 'give agents at least 10 seconds')
    .max(600, 'at most 600 seconds (10 minutes): nobody holds longer')
    .default(60),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Real calls are recorded by the voice-agent platform; when on, the first message must disclose it. */
  recordCalls: z.boolean().default(true),
  recordingDisclosure: z
    .string()
    .trim()
    .min(1, 'write the sentence that tells customers the call is recorded')
    .max(300)
    .default('This call may be recorded.'),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface DncEntry {
  phone: string;
  /** manual | import | call_request */
  source: string;
  reason: string | null;
  addedAt: number;
}

export interface DncImportResult {
  added: number;
  /** Numbers that were on the list already (or twice in the file). */
  alreadyListed: number;
  rejected: number;
  /** The first rejects; `row` counts lines of the file from 1. */
  rejects: CustomerImportReject[];
}

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(settingsSchema.partial().strict()),
  'dnc.list': method<{ total: number; rows: DncEntry[] }>()(
    z
      .object({
        search: z.string().trim().max(30).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
  ),
  'dnc.add': method<DncEntry>()(
    z
      .object({ phone: z.string().trim().min(3).max(30), reason: z.string().trim().max(200).optional() })
      .strict(),
  ),
  'dnc.remove': method<{ removed: boolean }>()(
    z.object({ phone: z.string().trim().min(3).max(30) }).strict(),
  ),
  /** Adds every number of a CSV (a phone/number column, or the first column) to the list. */
  'dnc.import': method<DncImportResult>()(
    z
      .object({
        csvText: z.string().max(32 * 1024 * 1024),
        region: regionCodeSchema.optional(),
      })
      .strict(),
  ),
};

export const settingsEvents = {};
