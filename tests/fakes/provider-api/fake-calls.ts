import type { Json } from './fake-agents';
import type { CallScenario, ScriptedTurn } from './scenarios';
import type { TwimlVerb } from './twiml';

/** What ElevenLabs' register-call (or outbound-call) was told: it becomes the conversation's data. */
export interface Registration {
  id: string;
  agentId: string;
  from: string;
  to: string;
  /** `conversation_initiation_client_data` as sent (dynamic variables, overrides). */
  clientData: Json;
  dynamicVariables: Json;
  /** Placed by ElevenLabs itself (outbound-call), with its telephony settings. */
  native?: { machineDetection?: string };
}

/** One ElevenLabs conversation: one stream of a call to the agent. */
export interface FakeConversation {
  id: string;
  callSid: string;
  registration: Registration;
  createdAt: number;
  /** When the customer (or their machine) was connected to the agent. */
  startAt?: number;
  endAt?: number;
  firstMessage: string;
  prompt: string;
  /** Everything said, the first message included, in the order said. */
  turns: ScriptedTurn[];
  /** When the agent ends the stream by itself, after `startAt` (Infinity: it never does). */
  scriptEndMs: number;
  analysisMs: number;
  terminationReason?: string;
  /** Tool calls already made (turn index → what the tool's server answered). */
  toolResults: Map<number, { status: number | 'unreachable'; body: string }>;
  postCallSent?: boolean;
}

export type Activity =
  | { kind: 'stream'; at: number; endAt?: number; conversation?: FakeConversation }
  | { kind: 'say'; at: number; endAt: number; text: string }
  | { kind: 'pause'; at: number; endAt: number }
  | {
      kind: 'dial';
      at: number;
      endAt?: number;
      identity: string;
      answered: boolean;
      timeoutMs: number;
      action?: string;
      record?: string;
      childSid: string;
      dialStatus?: string;
    };

export interface FakeCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  createdAt: number;
  scenario: CallScenario;
  phoneNumberId: string;
  /** How long Twilio lets the phone ring (the create request's Timeout). */
  ringTimeoutMs: number;
  amd?: { mode: string; async: boolean; callbackUrl?: string };
  statusCallback?: { url: string; events: string[] };
  /** The TwiML the call runs once answered; a native call runs its ElevenLabs conversation instead. */
  initialVerbs: TwimlVerb[];
  native?: FakeConversation;
  program?: { verbs: TwimlVerb[]; index: number; at: number; current?: Activity; waiting?: boolean };
  activities: Activity[];
  conversations: FakeConversation[];
  endedAt?: number;
  /** Ended through the API (Status=completed or canceled). */
  hungUpAt?: number;
  /** Every update of the live call (redirect with TwiML, or hang-up), as Twilio received it. */
  updates: { at: number; twiml?: string; status?: string }[];
  /** Callbacks already sent (status events, AMD, ElevenLabs events), so each goes once. */
  notified: Set<string>;
}

/** What running a call needs from the rest of the fake. */
export interface CallEnvironment {
  /** The conversation a `<Connect><Stream>` opens (undefined: ElevenLabs refuses the stream). */
  openStream(
    call: FakeCall,
    verb: Extract<TwimlVerb, { kind: 'stream' }>,
    at: number,
  ): FakeConversation | undefined;
  softphoneAnswers(identity: string): boolean;
  /** A `<Dial action>` ended: Twilio asks the action URL for what to do next. */
  dialEnded(call: FakeCall, dial: Extract<Activity, { kind: 'dial' }>, at: number): void;
  newSid(): string;
}

const queueMs = 300;
/** Twilio's answering-machine detection: a human is heard at once, a machine's greeting takes a while. */
const humanVerdictMs = 2_500;
const beepAfterMs = 6_000;
/** An answering machine records this long after the beep, then hangs up. */
const machineRecordsMs = 30_000;

export const sayMs = (text: string) => 1_000 + text.length * 60;

export const answerAtOf = (call: FakeCall): number | undefined => {
  if (call.scenario.kind !== 'conversation' && call.scenario.kind !== 'voicemail') return undefined;
  return call.scenario.ringMs < call.ringTimeoutMs ? call.createdAt + call.scenario.ringMs : undefined;
};

/** When Twilio's answering-machine detection decides, and what (undefined without detection or answer). */
export function amdVerdictOf(call: FakeCall): { at: number; answeredBy: string } | undefined {
  const answerAt = answerAtOf(call);
  if (!call.amd || answerAt === undefined) return undefined;
  if (call.scenario.kind !== 'voicemail') return { at: answerAt + humanVerdictMs, answeredBy: 'human' };
  return call.amd.mode === 'DetectMessageEnd'
    ? { at: answerAt + beepAfterMs, answeredBy: 'machine_end_beep' }
    : { at: answerAt + humanVerdictMs, answeredBy: 'machine_start' };
}

/** When the TwiML starts: at the answer, or — with synchronous detection — once it has decided (silence until then). */
export const programStartOf = (call: FakeCall): number | undefined => {
  const answerAt = answerAtOf(call);
  if (answerAt === undefined) return undefined;
  return call.amd && !call.amd.async ? (amdVerdictOf(call)?.at ?? answerAt) : answerAt;
};

/** When the far end hangs up by itself: a machine after recording, a person never (the AI ends the talk). */
const farEndHangsUpAt = (call: FakeCall): number => {
  const answerAt = answerAtOf(call);
  return call.scenario.kind === 'voicemail' && answerAt !== undefined
    ? answerAt + beepAfterMs + machineRecordsMs
    : Infinity;
};

/** A call that is never answered ends by itself here (busy, unanswered, failed). */
const unansweredEndOf = (call: FakeCall): number | undefined => {
  switch (call.scenario.kind) {
    case 'failed':
      return call.createdAt;
    case 'busy':
      return call.createdAt + call.scenario.ringMs;
    default:
      return (
        call.createdAt +
        Math.min(call.ringTimeoutMs, call.scenario.kind === 'no-answer' ? call.scenario.ringMs : Infinity)
      );
  }
};

const closeActivity = (activity: Activity | undefined, at: number) => {
  if (!activity || (activity.endAt !== undefined && activity.endAt <= at)) return;
  activity.endAt = at;
  if (activity.kind === 'stream' && activity.conversation) {
    activity.conversation.endAt ??= at;
  }
};

export function endCall(call: FakeCall, at: number): void {
  if (call.endedAt !== undefined) return;
  closeActivity(call.program?.current, at);
  // A native call placed but never connected still ends its conversation.
  if (call.native && call.native.endAt === undefined) call.native.endAt = at;
  call.endedAt = at;
}

/** Starts a TwiML document at `at` (the answer, or an update of the live call), cutting what ran before. */
export function runTwiml(call: FakeCall, verbs: TwimlVerb[], at: number): void {
  closeActivity(call.program?.current, at);
  call.program = { verbs, index: 0, at };
}

const naturalEndOf = (activity: Activity): number => {
  switch (activity.kind) {
    case 'say':
    case 'pause':
      return activity.endAt;
    case 'stream': {
      const conversation = activity.conversation;
      if (!conversation?.startAt) return activity.at;
      return conversation.startAt + conversation.scriptEndMs;
    }
    case 'dial':
      return activity.answered ? Infinity : activity.at + activity.timeoutMs;
  }
};

const begin = (call: FakeCall, verb: TwimlVerb, at: number, env: CallEnvironment): Activity | 'hangup' => {
  switch (verb.kind) {
    case 'hangup':
      return 'hangup';
    case 'say':
      return { kind: 'say', at, endAt: at + sayMs(verb.text), text: verb.text };
    case 'pause':
      return { kind: 'pause', at, endAt: at + verb.seconds * 1000 };
    case 'stream':
      return { kind: 'stream', at, conversation: env.openStream(call, verb, at) };
    case 'dial':
      return {
        kind: 'dial',
        at,
        identity: verb.identity,
        answered: env.softphoneAnswers(verb.identity),
        timeoutMs: verb.timeoutSeconds * 1000,
        action: verb.action,
        record: verb.record,
        childSid: env.newSid(),
      };
  }
};

/** Plays the call forward to `now`: the ring, the answer, each TwiML verb in turn, and the end. */
export function advance(call: FakeCall, now: number, env: CallEnvironment): void {
  if (call.endedAt !== undefined) return;
  const programStart = programStartOf(call);
  if (programStart === undefined) {
    const end = unansweredEndOf(call);
    if (end !== undefined && end <= now) endCall(call, end);
    return;
  }
  if (!call.program) {
    if (programStart > now) return;
    const verbs: TwimlVerb[] = call.native ? [{ kind: 'stream', url: '' }] : call.initialVerbs;
    runTwiml(call, verbs, programStart);
  }
  const hangsUpAt = farEndHangsUpAt(call);
  const limit = Math.min(now, hangsUpAt);
  while (call.endedAt === undefined && call.program && !call.program.waiting) {
    const program = call.program;
    if (program.at > limit) break;
    const verb = program.verbs[program.index];
    if (!verb) {
      endCall(call, program.at);
      return;
    }
    if (!program.current) {
      const started = begin(call, verb, program.at, env);
      if (started === 'hangup') {
        endCall(call, program.at);
        return;
      }
      program.current = started;
      call.activities.push(started);
    }
    const current = program.current;
    const end = naturalEndOf(current);
    if (end > limit) break;
    closeActivity(current, end);
    if (current.kind === 'dial') {
      current.dialStatus = 'no-answer';
      if (current.action) {
        program.waiting = true;
        env.dialEnded(call, current, end);
        return;
      }
    }
    program.index += 1;
    program.at = end;
    program.current = undefined;
  }
  if (hangsUpAt <= now) endCall(call, hangsUpAt);
}

export interface CallView {
  status: 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'canceled' | 'failed';
  /** When Twilio started dialling (not when the customer answered). */
  startTime?: number;
  endTime?: number;
  answeredBy?: string;
  /** Seconds from the answer to the end; unknown until the call is over. */
  durationSeconds?: number;
  answered: boolean;
}

/** The call as Twilio reports it at `now` (after `advance`). */
export function viewCall(call: FakeCall, now: number): CallView {
  const answerAt = answerAtOf(call);
  const answered = answerAt !== undefined && answerAt <= Math.min(now, call.endedAt ?? Infinity);
  const verdict = amdVerdictOf(call);
  const answeredBy =
    verdict && verdict.at <= Math.min(now, call.endedAt ?? Infinity) ? verdict.answeredBy : undefined;
  const startTime =
    now >= call.createdAt + queueMs && call.scenario.kind !== 'failed' ? call.createdAt + queueMs : undefined;
  if (call.endedAt === undefined || call.endedAt > now) {
    if (now < call.createdAt + queueMs) return { status: 'queued', answered: false };
    return { status: answered ? 'in-progress' : 'ringing', startTime, answeredBy, answered };
  }
  const endTime = call.endedAt;
  if (answered)
    return {
      status: 'completed',
      startTime,
      endTime,
      answeredBy,
      answered,
      durationSeconds: Math.round((endTime - answerAt!) / 1000),
    };
  const status =
    call.hungUpAt !== undefined && call.hungUpAt <= endTime
      ? 'canceled'
      : call.scenario.kind === 'busy'
        ? 'busy'
        : call.scenario.kind === 'failed'
          ? 'failed'
          : 'no-answer';
  return { status, startTime: status === 'failed' ? undefined : startTime, endTime, answered: false };
}

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed';

/**
 * A conversation as ElevenLabs reports it at `now`. Like the real API, the transcript is written when
 * the conversation ends: while it is in progress the transcript is empty.
 */
export function viewConversation(conversation: FakeConversation, now: number) {
  const { startAt, endAt } = conversation;
  const ended = endAt !== undefined && endAt <= now;
  const status: ConversationStatus =
    startAt === undefined
      ? ended
        ? 'failed'
        : 'initiated'
      : !ended
        ? 'in-progress'
        : now < endAt + conversation.analysisMs
          ? 'processing'
          : 'done';
  const heard =
    startAt !== undefined && ended ? conversation.turns.filter((t) => startAt + t.atMs <= endAt) : [];
  const durationSecs = startAt !== undefined && ended ? Math.max(0, Math.round((endAt - startAt) / 1000)) : 0;
  return { status, heard, durationSecs };
}
