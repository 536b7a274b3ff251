import { DateTime } from 'luxon';
import { SeededRandom, seedFromText } from '../../random/seeded-random';
import type { PlaceCallRequest, ProviderCallStatus, Speaker } from '../provider';
import { agentPoints, closingLines, customerReplies, escalationLines, type Mood } from './conversation-lines';

export type PlannedStep =
  | { at: number; kind: 'status'; status: ProviderCallStatus }
  | { at: number; kind: 'line'; speaker: Speaker; text: string }
  | { at: number; kind: 'escalation'; reason: string }
  | { at: number; kind: 'voicemail_left'; message: string }
  /** Nobody took the call in time: the AI has it again, and offers a callback. */
  | { at: number; kind: 'escalation_ended'; reason: string }
  | { at: number; kind: 'analysis' };

export interface CallPlan {
  mood: Mood;
  outcome: 'answered' | 'no_answer' | 'busy' | 'voicemail' | 'failed';
  disposition: string;
  sentiment: number;
  /** Offsets in ms from the moment the call was placed. */
  steps: PlannedStep[];
  answeredAt?: number;
  endAt: number;
  /** If the customer asks for a human: when, and until when the call waits for one. */
  escalation?: { at: number; holdUntil: number };
}

export interface SimulatorRates {
  telephonyPerMinute: number;
  aiPerMinute: number;
}

export const defaultRates: SimulatorRates = { telephonyPerMinute: 0.014, aiPerMinute: 0.08 };

/** Seconds a spoken line takes: about 14 characters a second, plus a pause. */
const speakingMs = (text: string) => Math.round((1.2 + text.length / 14) * 1000);

const dispositionWeights: Record<string, Record<string, number>> = {
  neighborhood_interest: {
    booked_viewing: 18,
    interested: 22,
    callback_requested: 10,
    not_interested: 30,
    wrong_number: 4,
    do_not_call_request: 3,
    no_decision: 13,
  },
  booking_reminder: {
    booked_viewing: 62,
    callback_requested: 12,
    not_interested: 10,
    wrong_number: 3,
    do_not_call_request: 1,
    no_decision: 12,
  },
  renewal: {
    renewal_agreed: 38,
    interested: 18,
    callback_requested: 12,
    not_interested: 18,
    do_not_call_request: 2,
    no_decision: 12,
  },
  upsell: {
    upsell_accepted: 16,
    interested: 20,
    callback_requested: 10,
    not_interested: 40,
    do_not_call_request: 3,
    no_decision: 11,
  },
  custom: {
    interested: 25,
    callback_requested: 12,
    not_interested: 40,
    do_not_call_request: 3,
    no_decision: 20,
  },
};
const positive = new Set(['booked_viewing', 'interested', 'renewal_agreed', 'upsell_accepted']);
const negative = new Set(['not_interested', 'do_not_call_request']);

function weightedPick(random: SeededRandom, weights: Record<string, number>, mood: Mood): string {
  const adjusted = Object.entries(weights).map(([name, w]) => {
    if (mood === 'warm' && positive.has(name)) return [name, w * 2] as const;
    if (mood === 'skeptical' && negative.has(name)) return [name, w * 2] as const;
    if (mood === 'busy' && name === 'callback_requested') return [name, w * 2.5] as const;
    return [name, w] as const;
  });
  const total = adjusted.reduce((sum, [, w]) => sum + w, 0);
  let r = random.next() * total;
  for (const [name, w] of adjusted) {
    r -= w;
    if (r < 0) return name;
  }
  return adjusted[adjusted.length - 1][0];
}

/** People pick up more at lunch and in the early evening than mid-morning. */
function answerRate(localHour: number): number {
  if (localHour < 10) return 0.4;
  if (localHour < 12) return 0.46;
  if (localHour < 14) return 0.55;
  if (localHour < 17) return 0.45;
  return 0.58;
}

function fill(text: string, variables: Record<string, string | number>): string {
  const v = (k: string, fallback: string) => String(variables[k] ?? fallback);
  return text
    .replaceAll('{name}', v('customer.first_name', 'there'))
    .replaceAll('{neighborhood}', v('neighborhood', 'your area'))
    .replaceAll('{booking_date}', v('booking.date', 'your booked day'))
    .replaceAll('{booking_time}', v('booking.time', 'the agreed time'))
    .replaceAll('{contract_end}', v('contract.end_date', 'the end of the term'));
}

/**
 * The whole course of one simulated call, decided by the seed and the call's idempotency key: the same
 * call always goes the same way, which makes dry runs repeatable and lets a restarted app reconstruct
 * where a call it lost track of has got to.
 */
/** How long an escalated call waits for a human when Settings do not say (the default of the setting). */
export const defaultEscalationWaitMs = 60_000;

export function planCall(
  request: PlaceCallRequest & { escalationWaitMs?: number },
  startedAt: number,
  options: { seed: number; timeScale: number; transcripts: boolean },
): CallPlan {
  const random = new SeededRandom(seedFromText(request.idempotencyKey, options.seed));
  const scale = (ms: number) => Math.round(ms * options.timeScale);
  const local = DateTime.fromMillis(startedAt, { zone: request.customerTimeZone ?? 'UTC' });
  const mood = random.pick<Mood>(['warm', 'warm', 'neutral', 'neutral', 'neutral', 'busy', 'skeptical']);
  const steps: PlannedStep[] = [{ at: scale(400), kind: 'status', status: 'ringing' }];
  const ringMs = scale(random.int(4, 22) * 1000);
  const roll = random.next();
  const failedRate = 0.015;
  const busyRate = 0.07;
  const answered = answerRate(local.isValid ? local.hour : 12);

  if (roll < failedRate) {
    steps.push({ at: scale(1500), kind: 'status', status: 'failed' });
    return { mood, outcome: 'failed', disposition: '', sentiment: 0, steps, endAt: scale(1500) };
  }
  if (roll < failedRate + busyRate) {
    steps.push({ at: scale(3000), kind: 'status', status: 'busy' });
    return { mood, outcome: 'busy', disposition: '', sentiment: 0, steps, endAt: scale(3000) };
  }
  if (roll >= failedRate + busyRate + answered) {
    if (random.chance(0.45)) {
      const end = ringMs + scale(20_000);
      // The campaign's message is left after the beep, as on a real call; the call ends when it is said.
      if (request.voicemailMessage?.trim())
        steps.push({ at: end, kind: 'voicemail_left', message: request.voicemailMessage });
      steps.push({ at: end, kind: 'status', status: 'voicemail' });
      return {
        mood,
        outcome: 'voicemail',
        disposition: '',
        sentiment: 0,
        steps,
        answeredAt: ringMs,
        endAt: end,
      };
    }
    const end = scale(30_000);
    steps.push({ at: end, kind: 'status', status: 'no_answer' });
    return { mood, outcome: 'no_answer', disposition: '', sentiment: 0, steps, endAt: end };
  }

  // Answered: a conversation, turn by turn.
  steps.push({ at: ringMs, kind: 'status', status: 'in_progress' });
  let t = ringMs + scale(600);
  const say = (speaker: Speaker, text: string) => {
    if (options.transcripts) steps.push({ at: t, kind: 'line', speaker, text });
    t += scale(speakingMs(text));
  };
  const variables = request.variables;
  say('ai', request.firstMessage);
  const escalates = random.chance(mood === 'skeptical' ? 0.16 : 0.07);
  let disposition = weightedPick(
    random,
    dispositionWeights[request.objective ?? 'custom'] ?? dispositionWeights.custom,
    mood,
  );
  let escalation: CallPlan['escalation'];
  const points = agentPoints[request.objective ?? 'custom'] ?? agentPoints.custom;
  const turns =
    disposition === 'wrong_number' || disposition === 'do_not_call_request'
      ? 0
      : random.int(1, points.length);
  for (let i = 0; i < turns; i++) {
    say('customer', random.pick(customerReplies[mood]));
    if (escalates && i === turns - 1) {
      say('customer', random.pick(escalationLines.customer));
      steps.push({ at: t, kind: 'escalation', reason: 'The customer asked to speak to a person' });
      say('ai', escalationLines.agentHold);
      // However fast the rehearsal runs, an agent gets at least 30 seconds to pick the call up.
      const waitMs = request.escalationWaitMs ?? defaultEscalationWaitMs;
      const holdUntil = t + Math.max(scale(waitMs), options.timeScale > 0 ? Math.min(waitMs, 30_000) : 0);
      escalation = { at: t, holdUntil };
      keepCompany(steps, t, holdUntil, options);
      t = holdUntil;
      steps.push({ at: t, kind: 'escalation_ended', reason: 'No agent took the call in time' });
      say('ai', escalationLines.offerCallback);
      say('customer', escalationLines.acceptCallback);
      say('ai', escalationLines.confirmCallback);
      disposition = 'callback_requested';
      break;
    }
    say('ai', fill(points[i], variables));
  }
  const closing = closingLines[disposition] ?? closingLines.no_decision;
  if (!escalation) {
    say('customer', closing.customer);
    say('ai', fill(closing.agent, variables));
  }
  steps.push({ at: t, kind: 'analysis' });
  steps.push({ at: t, kind: 'status', status: 'completed' });
  const sentiment = positive.has(disposition)
    ? 0.6 + random.next() * 0.4
    : negative.has(disposition)
      ? -0.8 + random.next() * 0.5
      : random.next() * 0.6 - 0.2;
  return {
    mood,
    outcome: 'answered',
    disposition,
    sentiment: Math.round(sentiment * 100) / 100,
    steps,
    answeredAt: ringMs,
    endAt: t,
    escalation,
  };
}

/**
 * The AI's lines while the customer waits for a person, one every ~15 s of call time (at least 5 s of
 * real time, so a fast rehearsal stays readable), none in the last few seconds before the wait ends.
 */
function keepCompany(
  steps: PlannedStep[],
  from: number,
  until: number,
  options: { timeScale: number; transcripts: boolean },
): void {
  const gap = Math.max(Math.round(15_000 * options.timeScale), options.timeScale > 0 ? 5_000 : 0);
  if (!options.transcripts || gap === 0) return;
  for (let k = 0, at = from + gap; at <= until - gap / 2; k++, at += gap) {
    const line = escalationLines.company[k % escalationLines.company.length];
    steps.push({ at, kind: 'line', speaker: line.speaker, text: line.text });
  }
}

/** Telephony is billed per started minute of connected time; the AI per second of conversation. */
export function callCost(connectedMs: number, talkMs: number, rates: SimulatorRates) {
  const telephony = connectedMs > 0 ? Math.ceil(connectedMs / 60_000) * rates.telephonyPerMinute : 0;
  const ai = (talkMs / 60_000) * rates.aiPerMinute;
  return { costTelephony: Math.round(telephony * 10_000) / 10_000, costAi: Math.round(ai * 10_000) / 10_000 };
}
