import type { CallScenario, ScriptedTurn } from './scenarios';

/** What ElevenLabs' register-call (or outbound-call) was told: it becomes the conversation's data. */
export interface Registration {
  id: string;
  agentId: string;
  from: string;
  to: string;
  dynamicVariables: Record<string, unknown>;
}

/** What the call is doing from `at` on: talking to the agent's stream, or ringing a softphone. */
type Phase =
  | { at: number; kind: 'stream'; registration: Registration }
  | { at: number; kind: 'client'; identity: string };

export interface FakeCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  createdAt: number;
  scenario: CallScenario;
  phoneNumberId: string;
  phases: Phase[];
  hungUpAt?: number;
  conversationIds: string[];
  /** Every update of the live call (redirect with TwiML, or hang-up), as Twilio received it. */
  updates: { at: number; twiml?: string; status?: string }[];
}

export interface Segment {
  conversationId: string;
  call: FakeCall;
  registration: Registration;
  startAt: number;
  endAt: number;
  turns: ScriptedTurn[];
  finalSegment: boolean;
}

const closingTurns: ScriptedTurn[] = [
  { role: 'agent', message: 'Thanks for waiting, I am back with you.', atMs: 500 },
  { role: 'user', message: 'Great, that answers my question.', atMs: 3_000 },
  { role: 'agent', message: 'Wonderful. Have a good day!', atMs: 5_000 },
];

const lastTurnEnd = (turns: ScriptedTurn[]) => (turns.at(-1)?.atMs ?? 0) + 1_000;
const queueMs = 300;

export const answerAtOf = (call: FakeCall): number | undefined =>
  call.scenario.kind === 'conversation' || call.scenario.kind === 'voicemail'
    ? call.createdAt + call.scenario.ringMs
    : undefined;

/** The conversations of a call (one per stream phase after the answer), with when each starts and ends. */
export function segmentsOf(call: FakeCall): Segment[] {
  const answerAt = answerAtOf(call);
  if (call.scenario.kind !== 'conversation' || answerAt === undefined) return [];
  const segments: Segment[] = [];
  call.phases.forEach((phase, i) => {
    if (phase.kind !== 'stream') return;
    const first = segments.length === 0;
    const startAt = Math.max(answerAt, phase.at);
    const turns = first && call.scenario.kind === 'conversation' ? call.scenario.turns : closingTurns;
    const next = call.phases[i + 1];
    const scriptedEnd = startAt + lastTurnEnd(turns);
    const endAt = Math.min(scriptedEnd, next?.at ?? Infinity, call.hungUpAt ?? Infinity);
    if (call.hungUpAt !== undefined && call.hungUpAt < startAt) return;
    segments.push({
      conversationId: call.conversationIds[segments.length],
      call,
      registration: phase.registration,
      startAt,
      endAt,
      turns,
      finalSegment: next === undefined,
    });
  });
  return segments;
}

/** When the call ends by itself (no hang-up): after the last stream's script; never while an agent holds it. */
function naturalEndOf(call: FakeCall): number {
  const answerAt = answerAtOf(call);
  switch (call.scenario.kind) {
    case 'failed':
      return call.createdAt;
    case 'busy':
    case 'no-answer':
      return call.createdAt + call.scenario.ringMs;
    case 'voicemail':
      return (answerAt ?? call.createdAt) + 30_000;
    case 'conversation': {
      const last = call.phases.at(-1);
      if (last?.kind === 'client') return Infinity;
      const segments = segmentsOf(call);
      return segments.at(-1)?.endAt ?? Infinity;
    }
  }
}

export interface CallView {
  status: 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'canceled' | 'failed';
  startTime?: number;
  endTime?: number;
  answeredBy?: string;
  durationSeconds: number;
}

/** The call as Twilio would report it at `now`. */
export function viewCall(call: FakeCall, now: number): CallView {
  const answerAt = answerAtOf(call);
  const end = Math.min(naturalEndOf(call), call.hungUpAt ?? Infinity);
  const answered = answerAt !== undefined && answerAt <= Math.min(now, end);
  const durationSeconds = answered ? Math.round((Math.min(now, end) - answerAt!) / 1000) : 0;
  const answeredBy =
    answered && call.scenario.kind === 'voicemail' ? 'machine_end_beep' : answered ? 'human' : undefined;
  const base = { startTime: answered ? answerAt : undefined, answeredBy, durationSeconds };
  if (call.scenario.kind === 'failed')
    return { status: 'failed', endTime: call.createdAt, durationSeconds: 0 };
  if (now >= end) {
    if (call.hungUpAt !== undefined && call.hungUpAt <= naturalEndOf(call))
      return { ...base, status: answered ? 'completed' : 'canceled', endTime: end };
    const kind = call.scenario.kind;
    const status = kind === 'busy' ? 'busy' : kind === 'no-answer' ? 'no-answer' : 'completed';
    return { ...base, status, endTime: end };
  }
  if (now < call.createdAt + queueMs) return { status: 'queued', durationSeconds: 0 };
  if (!answered) return { status: 'ringing', durationSeconds: 0 };
  return { ...base, status: 'in-progress' };
}

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed';

/** A conversation as ElevenLabs would report it at `now`. */
export function viewConversation(segment: Segment, now: number) {
  const scenario = segment.call.scenario.kind === 'conversation' ? segment.call.scenario : undefined;
  const analysisMs = scenario?.analysisMs ?? 2_000;
  const status: ConversationStatus =
    now < segment.startAt
      ? 'initiated'
      : now < segment.endAt
        ? 'in-progress'
        : now < segment.endAt + analysisMs
          ? 'processing'
          : 'done';
  const heard = segment.turns.filter((t) => segment.startAt + t.atMs <= Math.min(now, segment.endAt));
  const durationSecs = Math.max(0, Math.round((Math.min(now, segment.endAt) - segment.startAt) / 1000));
  return { status, heard, durationSecs, scenario };
}
