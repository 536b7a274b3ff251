import { z } from 'zod';
import { type AudienceGroup, audienceGroupSchema, emptyAudience } from './audience';
import { event, method } from './define';
import { callingWindowSchema } from './settings';

export const campaignObjectives = [
  'neighborhood_interest',
  'booking_reminder',
  'renewal',
  'upsell',
  'custom',
] as const;
export type CampaignObjective = (typeof campaignObjectives)[number];
export const campaignStatuses = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** Final call states a retry policy may retry; anything with a disposition (the customer spoke) never is. */
export const retryableOutcomes = ['no_answer', 'busy', 'voicemail', 'failed'] as const;

export const dispositions = [
  'booked_viewing',
  'interested',
  'callback_requested',
  'not_interested',
  'wrong_number',
  'do_not_call_request',
  'renewal_agreed',
  'upsell_accepted',
  'no_decision',
] as const;
export type Disposition = (typeof dispositions)[number];

export const scriptSchema = z.object({
  /** The ElevenLabs agent that speaks (real provider); the simulator ignores it. */
  agentId: z.string().max(100).default(''),
  firstMessage: z.string().trim().min(1, 'write the first thing the agent says').max(1000),
  /** Instructions for the agent: goal, facts, how to handle objections. */
  prompt: z.string().max(10_000).default(''),
  /**
   * Left on an answering machine, personalised like the first message; real calls check it says who
   * calls and how to call back or opt out. Empty: a machine gets no message.
   */
  voicemailMessage: z.string().trim().max(1000).default(''),
});

export const scheduleSchema = z.object({
  startAt: z.number().int().nullable().default(null),
  endAt: z.number().int().nullable().default(null),
  /** 1 = Monday … 7 = Sunday, in the customer's local time. */
  daysOfWeek: z
    .array(z.number().int().min(1).max(7))
    .min(1, 'pick at least one day')
    .default([1, 2, 3, 4, 5, 6]),
  dailyWindow: callingWindowSchema.default({ start: '09:00', end: '20:00' }),
});

export const pacingSchema = z.object({
  maxConcurrent: z.number().int().min(1).max(500).default(10),
  maxPerMinute: z.number().int().min(1).max(1000).default(30),
});

export const retryPolicySchema = z.object({
  retryOn: z.array(z.enum(retryableOutcomes)).default(['no_answer', 'busy', 'voicemail', 'failed']),
  delayMinutes: z.number().int().min(1).max(10_080).default(120),
  maxAttempts: z.number().int().min(1).max(10).default(3),
});

export const goalSchema = z.object({
  conversionDispositions: z.array(z.enum(dispositions)).min(1).default(['booked_viewing']),
  valuePerConversion: z.number().min(0).max(10_000_000).default(0),
});

/**
 * What a campaign costs. Per-minute rates are what the simulator bills (a real provider reports what it
 * billed); `perCall` is charged for every call placed (a number lookup, a platform fee) and `fixed` once
 * the campaign has run (number rental, set-up, the team's time) — ROI counts all of them.
 */
export const costsSchema = z.object({
  telephonyPerMinute: z.number().min(0).max(100).default(0.014),
  aiPerMinute: z.number().min(0).max(100).default(0.08),
  perCall: z.number().min(0).max(100).default(0),
  fixed: z.number().min(0).max(10_000_000).default(0),
});

/** Everything a supervisor sets on a campaign; the same shape is stored, validated once at the edge. */
export const campaignInputSchema = z.object({
  name: z.string().trim().min(1, 'give the campaign a name').max(120),
  objective: z.enum(campaignObjectives),
  provider: z.enum(['simulator', 'elevenlabs-twilio']).default('simulator'),
  criteria: audienceGroupSchema.default(emptyAudience),
  script: scriptSchema,
  callerNumber: z.string().max(20).nullable().default(null),
  schedule: scheduleSchema.default(scheduleSchema.parse({})),
  pacing: pacingSchema.default(pacingSchema.parse({})),
  retryPolicy: retryPolicySchema.default(retryPolicySchema.parse({})),
  goal: goalSchema.default(goalSchema.parse({})),
  costs: costsSchema.default(costsSchema.parse({})),
});

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignSettings = z.output<typeof campaignInputSchema>;

export interface Campaign extends CampaignSettings {
  id: number;
  status: CampaignStatus;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Why the engine paused the campaign by itself (its audience cannot be read, …), if it did. */
  statusReason: string | null;
}

export interface CampaignListItem {
  id: number;
  name: string;
  objective: (typeof campaignObjectives)[number];
  status: CampaignStatus;
  provider: string;
  archived: boolean;
  updatedAt: number;
  attempts: number;
  finishedAttempts: number;
  customersCalled: number;
  liveCalls: number;
  /** Why the engine paused the campaign by itself, if it did. */
  statusReason: string | null;
}

export interface CampaignTemplate {
  id: string;
  name: string;
  description: string;
  campaign: CampaignInput & { criteria: AudienceGroup };
}

export interface ScriptPreview {
  customerId: number | null;
  firstMessage: string;
  prompt: string;
  voicemailMessage: string;
  /** Variables the template uses that no customer data or setting provides. */
  unknownVariables: string[];
  /** Known variables this sample customer has no value for. */
  missingValues: string[];
}

/** A campaign's totals for reports (the CLI's `campaign status` and dry-run summary). */
export interface CampaignSummary {
  campaign_id: number;
  name: string;
  status: string;
  attempts: number;
  dialed_customers: number;
  /** Attempts by state. */
  outcomes: Record<string, number>;
  dispositions: Record<string, number>;
  conversions: number;
  cost: number;
  /** From the first dial to the last hang-up, in (simulated) seconds. */
  duration_simulated_s: number;
}

/** One call attempt, as an audit lists it. */
export interface CampaignAttemptLine {
  attempt: number;
  customer_id: number;
  customer: string;
  customer_time_zone: string;
  attempt_number: number;
  state: string;
  disposition: string | null;
  started_at: number | null;
  ended_at: number | null;
  duration_seconds: number | null;
  provider_call_id: string | null;
  idempotency_key: string;
  error: string | null;
}

const id = z.object({ id: z.number().int().positive() }).strict();

export const campaignMethods = {
  'campaigns.list': method<CampaignListItem[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).strict(),
  ),
  'campaigns.get': method<Campaign>()(id),
  'campaigns.create': method<Campaign>()(campaignInputSchema.strict()),
  'campaigns.update': method<Campaign>()(
    z.object({ id: z.number().int().positive(), changes: campaignInputSchema.partial().strict() }).strict(),
  ),
  'campaigns.duplicate': method<Campaign>()(id),
  'campaigns.archive': method<Campaign>()(
    z.object({ id: z.number().int().positive(), archived: z.boolean().default(true) }).strict(),
  ),
  /** Drafts only: a campaign that ran is archived instead, keeping its calls. */
  'campaigns.delete': method<{ deleted: true }>()(id),
  'campaigns.templates': method<CampaignTemplate[]>()(z.object({}).strict()),
  'campaigns.summary': method<CampaignSummary>()(id),
  /** Every attempt of a campaign, oldest first, for audits. */
  'campaigns.attempts': method<CampaignAttemptLine[]>()(id),
  /**
   * For a process that does not run the campaign (the CLI): records the new status, and the engine that
   * owns the campaign (the desktop app, a browser host) follows it within a second. A resumed campaign
   * nobody runs is picked up when one of them starts.
   */
  'campaigns.requestStatus': method<{ status: string }>()(
    z.object({ id: z.number().int().positive(), status: z.enum(['paused', 'running']) }).strict(),
  ),
  'campaigns.previewScript': method<ScriptPreview>()(
    z
      .object({
        script: scriptSchema,
        objective: z.enum(campaignObjectives).default('custom'),
        customerId: z.number().int().positive().optional(),
      })
      .strict(),
  ),
};

export const campaignEvents = {
  'campaign.changed': event<{ campaignId: number; status: string }>(),
};
