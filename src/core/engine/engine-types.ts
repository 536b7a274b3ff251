import type { CampaignProgress } from '../../shared/contract/calls';
import type { Campaign } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import type { Clock, TimerHandle } from '../clock/clock';
import type { Db } from '../db/open';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { VoiceAgentProvider } from '../providers/provider';
import type { AttemptRow } from './attempt-store';
import type { CallSummaries } from './call-summaries';
import type { LeaseHolder } from './campaign-ownership';
import type { ProviderOutage } from './provider-health';
import type { StorageOutage } from './storage-health';
import type { Takeover } from './takeover';
import type { TokenBucket } from './token-bucket';

export interface EngineDependencies {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  providers: Map<string, VoiceAgentProvider>;
  settings: () => Settings;
  /** How many due attempts may wait in a campaign's queue (tests make it small). */
  maxQueued?: number;
  /** Real time, for what is shared with other processes (campaign leases) whatever `clock` is. */
  wallClock?: () => number;
  /** Who this engine is, in the campaign leases other processes see (the host: desktop, browser, cli). */
  ownerName?: string;
  /** Turns error text into what may be stored and shown (provider secrets removed). */
  redact?: (text: string) => string;
}

/** A campaign this engine has open: running, paused, or finishing its live calls. */
export interface Runner {
  campaign: Campaign;
  bucket: TokenBucket;
  timer?: TimerHandle;
  wakeAt?: number;
  /** Highest customer id already queued for a first attempt: the audience is walked once, by id. */
  cursor: number;
  exhausted: boolean;
  live: Set<number>;
  /** What the supervisor should know while it runs (customers a real campaign leaves out). */
  notices: string[];
  /** Whether this engine holds the campaign's lease; without it the campaign is another process's. */
  owned: boolean;
}

/** A queued attempt due now, with what the dial-time rules need to know of its customer. */
export interface DueAttempt extends AttemptRow {
  timeZone: string;
  timeZones: string;
  regions: string;
  phone: string;
  consent: string;
  demo: number;
}

type StatusAnswer = { status: Campaign['status'] };

/** What the rest of the app may ask of the campaign execution engine. */
export interface Engine {
  /** Picks up where the last run stopped: running campaigns resume after their live calls are reconciled. */
  start(): Promise<void>;
  startCampaign(id: number): StatusAnswer;
  pauseCampaign(id: number): StatusAnswer;
  resumeCampaign(id: number): StatusAnswer;
  /** Cancels what is queued; live calls are hung up, or left to finish. */
  stopCampaign(id: number, hangUpLiveCalls: boolean): Promise<StatusAnswer>;
  progress(campaignId: number): CampaignProgress;
  /** Whether the engine has stopped dialling through a provider it cannot reach. */
  providerOutage(provider: string): ProviderOutage | undefined;
  /** Whether the engine has stopped dialling because the database cannot be written (a full disk). */
  storageOutage(): StorageOutage | undefined;
  /** Another process's live lease on the campaign (it dials it), if any. */
  ownedElsewhere(campaignId: number): LeaseHolder | undefined;
  /** The configured provider of that name; `unavailable` if there is none. */
  providerOf(name: string): VoiceAgentProvider;
  /** Agents taking calls over from the AI. */
  takeover: Takeover;
  /** Calls as the monitor and the history show them. */
  summaries: CallSummaries;
  /** Tells the monitor the call changed (its summary is read once, when the next batch goes out). */
  publishCall(attemptId: number): void;
  isRunning(campaignId: number): boolean;
  /** True while any campaign still has work or live calls. */
  busy(): boolean;
  close(): Promise<void>;
}
