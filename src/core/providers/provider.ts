import { AppError, errorMessage, ProviderError } from '../../shared/errors';

/**
 * What the engine needs from a telephony + voice-agent provider. The simulator and the
 * ElevenLabs/Twilio adapter implement it; the engine knows nothing else about them.
 *
 * Events are delivered through `subscribe` with a plain callback rather than an AsyncIterable: on a
 * virtual clock the engine must see an event in the same tick the provider raised it, or dry runs stop
 * being deterministic.
 */
export type ProviderCallStatus =
  | 'queued'
  | 'ringing'
  | 'in_progress'
  | 'completed'
  | 'no_answer'
  | 'busy'
  | 'voicemail'
  | 'failed'
  | 'cancelled';

export const finalProviderStatuses: ReadonlySet<ProviderCallStatus> = new Set([
  'completed',
  'no_answer',
  'busy',
  'voicemail',
  'failed',
  'cancelled',
]);

export interface PlaceCallRequest {
  /** Navaia's attempt id; providers echo it back in every event. */
  attemptId: number;
  /** The attempt's idempotency key; a provider that supports it must not place two calls for one key. */
  idempotencyKey: string;
  campaignId: number;
  customerId: number;
  to: string;
  from: string | null;
  agentId: string | null;
  firstMessage: string;
  /** The campaign's instructions for the agent, personalised like the first message ('' for none). */
  prompt?: string;
  /** What to leave on an answering machine, personalised ('' leaves nothing and hangs up). */
  voicemailMessage?: string;
  /** Whether calls are recorded (Settings → Call recording): an agent's part of a takeover is too. */
  recordCalls?: boolean;
  /** Personalisation, the same values the campaign's script template uses. */
  variables: Record<string, string | number>;
  /** The campaign's objective; the simulator shapes the conversation by it. */
  objective?: string;
  /** The customer's IANA time zone; answer rates depend on their local time of day. */
  customerTimeZone?: string;
  /** The campaign's expected per-minute prices; the simulator bills by them (a real provider reports its own). */
  rates?: { telephonyPerMinute: number; aiPerMinute: number };
}

export interface CallSnapshot {
  callId: string;
  status: ProviderCallStatus;
  startedAt?: number;
  answeredAt?: number;
  endedAt?: number;
  durationSeconds?: number;
  costTelephony?: number;
  costAi?: number;
}

export type Speaker = 'ai' | 'customer' | 'agent' | 'system';

export type ProviderEvent =
  | {
      type: 'status';
      callId: string;
      attemptId: number;
      status: ProviderCallStatus;
      at: number;
      snapshot?: CallSnapshot;
    }
  | {
      type: 'transcript';
      callId: string;
      attemptId: number;
      speaker: Speaker;
      text: string;
      at: number;
      /**
       * The line's place in the call's conversation (0, 1, …) when the provider keeps one: lines read
       * again after a restart are then recognised, and lines of a call that ended meanwhile still kept.
       */
      turn?: number;
    }
  | {
      type: 'escalation';
      callId: string;
      attemptId: number;
      reason: string;
      at: number;
      /** How pressing the agent judged it (a live request through the `request_human` tool). */
      urgency?: EscalationUrgency;
    }
  | {
      /** Something that happened on the call worth keeping in its timeline (and transcript, with `line`). */
      type: 'note';
      callId: string;
      attemptId: number;
      at: number;
      kind: CallNoteKind;
      data: Record<string, unknown>;
      /** A line for the transcript, said by the system. */
      line?: string;
    }
  | {
      /** The agent holding the call is gone (their softphone did not answer): the AI has the customer again. */
      type: 'returned_to_ai';
      callId: string;
      attemptId: number;
      at: number;
      reason: string;
    }
  | {
      /** Costs known only after the call (Twilio fills in a call's price a while after it ends). */
      type: 'cost';
      callId: string;
      attemptId: number;
      at: number;
      costTelephony?: number;
      costAi?: number;
    }
  /** The customer no longer waits for a person (nobody took the call in time): the AI has it again. */
  | { type: 'escalation_ended'; callId: string; attemptId: number; reason: string; at: number }
  | {
      type: 'analysis';
      callId: string;
      attemptId: number;
      at: number;
      /** One of the dispositions in src/shared/contract/calls.ts */
      disposition: string;
      converted: boolean;
      summary?: string;
      sentiment?: number;
      costTelephony: number;
      costAi: number;
      durationSeconds: number;
    };

export type EscalationUrgency = 'low' | 'normal' | 'high';

/**
 * What a note records: a voicemail message left, what the agent booked or scheduled through its tools
 * (kept with their arguments, for bookings and callbacks to be made from later), a request for a person
 * that could only be seen after the call.
 */
export type CallNoteKind = 'voicemail_left' | 'viewing_requested' | 'callback_requested' | 'human_requested';

export interface TakeoverAgent {
  name: string;
  clientId: string;
  /** This Navaia installation's stable id (Settings): with the name it makes the softphone identity. */
  installId?: string;
}

/** How the agent talks once holding the call: typing (simulator) or a softphone (Twilio Voice SDK). */
export type TakeoverSession = { kind: 'text' } | { kind: 'softphone'; identity: string };

export interface VoiceAgentProvider {
  readonly name: string;
  placeCall(request: PlaceCallRequest): Promise<{ callId: string }>;
  /**
   * Current state of a call, for reconciliation after a restart. `attemptId` is the attempt it was placed
   * for: a provider that keeps no data of its own on a call follows it again under that attempt.
   */
  getCall(callId: string, attemptId: number): Promise<CallSnapshot>;
  hangUp(callId: string): Promise<void>;
  takeOver(callId: string, agent: TakeoverAgent): Promise<TakeoverSession>;
  /** The agent's typed line (text sessions); softphone sessions speak instead. */
  sendAgentMessage(callId: string, text: string): Promise<void>;
  /** Gives the call back to the AI; `reason` (the agent's words) reaches the new conversation. */
  handBack(callId: string, reason?: string): Promise<void>;
  /** Why this provider cannot hand its calls to a person, if it cannot. */
  takeoverUnavailableReason?(): string | undefined;
  /**
   * A request from the vendors to Navaia's webhook receiver (a tool call, a status or answering-machine
   * callback, a post-call event). The provider checks its signature with its own secrets, asks
   * `firstDelivery` whether it has been seen before (a replay), and says what to answer.
   */
  receiveWebhook?(request: InboundWebhook, firstDelivery: ReplayGuard): Promise<WebhookReply>;
  subscribe(listener: (event: ProviderEvent) => void): () => void;
  /**
   * The call placed for an idempotency key, if the provider placed one: after a crash between writing
   * the attempt and hearing back from the provider, this tells the engine whether the customer is
   * already being called (and, as for getCall, `attemptId` is the attempt it would be followed under).
   */
  findCallByIdempotencyKey?(
    idempotencyKey: string,
    to: string,
    since: number,
    attemptId: number,
  ): Promise<string | undefined>;
  /**
   * Resolves when the provider can be reached and would take calls; rejects otherwise. The engine
   * probes an unreachable provider with it before dialling again (without it, one trial dial).
   */
  probe?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * A failure that may succeed if tried again later (timeouts, 429, 5xx, network down). A provider error
 * like any other for the caller: its message reaches the user.
 */
export class TransientProviderError extends ProviderError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientProviderError';
  }
}

/** Where a vendor request came in: `/webhooks/<route>` (a tool call names its tool). */
export type WebhookRoute =
  | { kind: 'tool'; tool: string }
  | { kind: 'elevenlabs-event' }
  | { kind: 'twilio-status' }
  | { kind: 'twilio-amd' }
  | { kind: 'twilio-dial-ended' };

export interface InboundWebhook {
  route: WebhookRoute;
  /** The URL the vendor called, as it signed it: the public URL, path and query. */
  url: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface WebhookReply {
  status: number;
  contentType: 'application/json' | 'text/xml' | 'text/plain';
  body: string;
}

/** Records a delivery by its key until `expiresAt`; false when the key was seen before (a replay). */
export type ReplayGuard = (key: string, expiresAt: number) => boolean;

/**
 * What a provider's operation threw, as the caller should hear it: a ProviderError (or any AppError) as it
 * is; anything else it threw (an SDK's HTTP error: "Call is not in-progress. Cannot redirect.") as a
 * ProviderError with those words, redacted, so the user reads them instead of "failed unexpectedly".
 */
export function asProviderError(err: unknown, redact: (text: string) => string = (t) => t): AppError {
  if (err instanceof AppError) return err;
  return new ProviderError(redact(errorMessage(err)), { cause: err });
}

/** For a promise's `.catch`: rethrows what a provider operation threw as `asProviderError` says. */
export const rethrowAsProviderError =
  (redact?: (text: string) => string) =>
  (err: unknown): never => {
    throw asProviderError(err, redact);
  };
