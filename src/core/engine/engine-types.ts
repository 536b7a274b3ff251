import type { Campaign } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import type { Clock, TimerHandle } from '../clock/clock';
import type { Db } from '../db/open';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { VoiceAgentProvider } from '../providers/provider';
import type { AttemptRow } from './attempt-store';
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
