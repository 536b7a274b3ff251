import { z } from 'zod';
import type { AttemptState } from '../calls/attempt-states';
import { attemptStates } from '../calls/attempt-states';
import { type CampaignObjective, campaignInputSchema, dispositions } from './campaigns';
import { event, method } from './define';

/** One call as the monitor shows it. */
export interface CallSummary {
  attemptId: number;
  campaignId: number;
  campaignName: string;
  /** What the campaign is for: it decides which dispositions the call may end with. */
  campaignObjective: CampaignObjective;
  customerId: number;
  customerName: string;
  toNumber: string;
  attemptNumber: number;
  state: AttemptState;
  mode: 'ai' | 'human';
  heldBy: string | null;
  escalated: boolean;
  disposition: string | null;
  dialedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  durationSeconds: number | null;
  sentiment: number | null;
  lastLine: string | null;
  cost: number;
}

export interface TranscriptLine {
  attemptId: number;
  seq: number;
  at: number;
  speaker: 'ai' | 'customer' | 'agent' | 'system';
  text: string;
}

export interface CallEventRow {
  id: number;
  at: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  data: unknown;
}

export interface CallDetail {
  call: CallSummary;
  /** Whether an agent could take this call over; when not, why (e.g. ElevenLabs places the call). */
  takeover: { available: boolean; reason?: string };
  /** The provider that placed it: a real call's transcript arrives when its conversation ends. */
  provider: string;
  transcript: TranscriptLine[];
  events: CallEventRow[];
  notes: string | null;
  customer: {
    id: number;
    name: string;
    phone: string;
    city: string | null;
    neighborhood: string | null;
    lifecycleStage: string;
    tags: string[];
    previousCalls: {
      attemptId: number;
      campaignName: string;
      at: number | null;
      state: string;
      disposition: string | null;
    }[];
    bookings: { at: number; status: string; property: string | null }[];
  };
}

export interface CampaignProgress {
  campaignId: number;
  status: string;
  queued: number;
  live: number;
  done: number;
  /** Calls started in the last 60 seconds. */
  callsPerMinute: number;
  maxConcurrent: number;
  maxPerMinute: number;
  /** Why a running campaign places no calls right now (null while it dials normally). */
  waitingReason?: CampaignWaitingReason | null;
  /** The same for the supervisor, in a sentence: "The simulator provider is unreachable since 14:02 …". */
  waitingMessage?: string | null;
  /** What the supervisor should know while it runs, e.g. "12 customers skipped: marketing calls need written consent …". */
  notices?: string[];
}

export type CampaignWaitingReason =
  | 'provider_unreachable'
  | 'outside_calling_hours'
  | 'waiting_for_retries'
  | 'time_zone_unknown'
  /** The engine paused the campaign by itself; the message says why (its audience cannot be read, …). */
  | 'paused_by_engine'
  /** The disk is full (or the database cannot be written): nothing is dialled until it can be. */
  | 'storage_unavailable'
  /** Another process holds the campaign's lease and places its calls. */
  | 'owned_elsewhere';

export interface RehearsalForecast {
  customers: number;
  attempts: number;
  answered: number;
  conversions: number;
  outcomes: Record<string, number>;
  cost: number;
  /** Simulated time from the first dial to the last call's end. */
  durationSeconds: number;
  /** How long the rehearsal itself took to compute. */
  computeSeconds: number;
}

export type TakeoverSessionKind = { kind: 'text' } | { kind: 'softphone'; identity: string };

const attemptId = z.number().int().positive();
const campaignId = z.object({ id: z.number().int().positive() }).strict();

export const callMethods = {
  /** `warnings`: what a real campaign leaves out as it starts (e.g. customers without written consent). */
  'campaigns.start': method<{ status: string; warnings?: string[] }>()(campaignId),
  'campaigns.pause': method<{ status: string }>()(campaignId),
  'campaigns.resume': method<{ status: string; warnings?: string[] }>()(campaignId),
  'campaigns.stop': method<{ status: string }>()(
    z.object({ id: z.number().int().positive(), hangUpLiveCalls: z.boolean().default(true) }).strict(),
  ),
  'campaigns.progress': method<CampaignProgress>()(campaignId),
  /** Dry run on the simulator in virtual time against a copy of the data: nothing real changes. */
  'campaigns.rehearse': method<RehearsalForecast>()(
    z
      .object({
        id: z.number().int().positive().optional(),
        campaign: campaignInputSchema.optional(),
        maxCustomers: z.number().int().min(1).max(100_000).default(5_000),
      })
      .strict()
      .refine((v) => v.id !== undefined || v.campaign !== undefined, 'give a campaign id or settings'),
  ),
  'calls.active': method<CallSummary[]>()(
    z
      .object({
        campaignId: z.number().int().positive().optional(),
        escalatedOnly: z.boolean().default(false),
      })
      .strict(),
  ),
  'calls.history': method<{ total: number; rows: CallSummary[] }>()(
    z
      .object({
        campaignId: z.number().int().positive().optional(),
        state: z.enum(attemptStates).optional(),
        disposition: z.enum(dispositions).optional(),
        search: z.string().max(100).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'calls.get': method<CallDetail>()(z.object({ attemptId }).strict()),
  /** `session` says how the agent talks now: typing (simulator) or the softphone (a real call). */
  'calls.takeOver': method<CallSummary & { session: TakeoverSessionKind }>()(
    z.object({ attemptId, agentName: z.string().trim().min(1, 'enter your name').max(60) }).strict(),
  ),
  'calls.say': method<{ ok: true }>()(
    z.object({ attemptId, text: z.string().trim().min(1).max(1000) }).strict(),
  ),
  /** `reason` (optional) is told to the AI's new conversation with a summary of the call so far. */
  'calls.handBack': method<CallSummary>()(
    z.object({ attemptId, reason: z.string().trim().max(500).optional() }).strict(),
  ),
  'calls.end': method<CallSummary>()(
    z
      .object({
        attemptId,
        disposition: z.enum(dispositions),
        notes: z.string().trim().min(1, 'notes are required when you end a call').max(5000),
      })
      .strict(),
  ),
  'calls.hangUp': method<{ ok: true }>()(z.object({ attemptId }).strict()),
};

export const callEvents = {
  'call.changed': event<CallSummary>(),
  'call.transcript': event<TranscriptLine>(),
  'call.escalated': event<{
    attemptId: number;
    customerName: string;
    campaignName: string;
    reason: string;
    /** How pressing the agent judged it, for a live request through its `request_human` tool. */
    urgency?: 'low' | 'normal' | 'high';
  }>(),
  'campaign.progress': event<CampaignProgress>(),
};
