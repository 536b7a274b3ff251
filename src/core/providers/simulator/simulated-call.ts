import type { Clock, TimerHandle } from '../../clock/clock';
import type { GroupCommit } from '../../db/group-commit';
import type { Logger } from '../../logging/logger';
import type { CallSnapshot, PlaceCallRequest, ProviderEvent } from '../provider';
import { type CallPlan, callCost, type PlannedStep, type SimulatorRates } from './call-plan';
import type { SimulatorLedger } from './simulator-ledger';

/** A step that could not be recorded is tried again after this much clock time. */
const stepRetryMs = 5_000;

const positive = new Set(['booked_viewing', 'interested', 'renewal_agreed', 'upsell_accepted']);

/** A call the simulator is playing now. */
export interface ActiveCall {
  callId: string;
  request: PlaceCallRequest;
  startedAt: number;
  plan: CallPlan;
  timers: TimerHandle[];
  answered: boolean;
  mode: 'ai' | 'human';
  ended: boolean;
}

/**
 * Playing simulated calls: each step of a call's plan raised as a provider event at its time on the
 * injected clock, the call's figures (duration, cost) as a real provider would report them.
 */
export function createCallPlayer(deps: {
  clock: Clock;
  ledger: SimulatorLedger;
  groupCommit: GroupCommit;
  rates: SimulatorRates;
  emit: (event: ProviderEvent) => void;
  logger?: Logger;
}) {
  const { clock, emit } = deps;
  const active = new Map<string, ActiveCall>();

  const after = (call: ActiveCall, at: number, run: () => void) => {
    const delay = Math.max(0, call.startedAt + at - clock.now());
    // Never up the timer: a step that cannot be written waits and is tried again.
    const guarded = () => {
      try {
        run();
      } catch (err) {
        deps.logger?.error({ err, callId: call.callId }, 'a simulated call step failed; trying again');
        call.timers.push(clock.setTimeout(guarded, stepRetryMs));
      }
    };
    call.timers.push(clock.setTimeout(guarded, delay));
  };

  const cancelTimers = (call: ActiveCall) => {
    for (const timer of call.timers) clock.clearTimeout(timer);
    call.timers = [];
  };

  const snapshot = (call: ActiveCall, status: CallSnapshot['status'], endedAt?: number): CallSnapshot => {
    const answeredAt = call.plan.answeredAt !== undefined ? call.startedAt + call.plan.answeredAt : undefined;
    const end = endedAt ?? clock.now();
    const connectedMs = answeredAt !== undefined && end > answeredAt ? end - answeredAt : 0;
    const talkMs = call.plan.outcome === 'answered' ? connectedMs : 0;
    return {
      callId: call.callId,
      status,
      startedAt: call.startedAt,
      answeredAt,
      endedAt: endedAt,
      durationSeconds: Math.round(connectedMs / 100) / 10,
      ...callCost(connectedMs, talkMs, call.request.rates ?? deps.rates),
    };
  };

  const finish = (call: ActiveCall, status: CallSnapshot['status']) => {
    if (call.ended) return;
    const now = clock.now();
    // Recorded first: if the disk is full nothing has changed, and the step is tried again.
    deps.groupCommit.write(() => deps.ledger.ended(call.callId, now, status));
    call.ended = true;
    cancelTimers(call);
    active.delete(call.callId);
    emit({
      type: 'status',
      callId: call.callId,
      attemptId: call.request.attemptId,
      status,
      at: now,
      snapshot: snapshot(call, status, now),
    });
  };

  const analysis = (call: ActiveCall, disposition: string) => {
    const snap = snapshot(call, 'completed', clock.now());
    emit({
      type: 'analysis',
      callId: call.callId,
      attemptId: call.request.attemptId,
      at: clock.now(),
      disposition,
      converted: positive.has(disposition),
      sentiment: call.plan.sentiment,
      costTelephony: snap.costTelephony ?? 0,
      costAi: snap.costAi ?? 0,
      durationSeconds: snap.durationSeconds ?? 0,
    });
  };

  const runStep = (call: ActiveCall, step: PlannedStep) => {
    if (call.ended || call.mode === 'human') return;
    const base = { callId: call.callId, attemptId: call.request.attemptId, at: clock.now() };
    if (step.kind === 'line') emit({ ...base, type: 'transcript', speaker: step.speaker, text: step.text });
    else if (step.kind === 'escalation') emit({ ...base, type: 'escalation', reason: step.reason });
    else if (step.kind === 'voicemail_left')
      emit({
        ...base,
        type: 'note',
        kind: 'voicemail_left',
        data: { message: step.message },
        line: `Voicemail left: ${step.message}`,
      });
    else if (step.kind === 'escalation_ended')
      emit({ ...base, type: 'escalation_ended', reason: step.reason });
    else if (step.kind === 'analysis') analysis(call, call.plan.disposition);
    else if (step.status === 'ringing' || step.status === 'in_progress') {
      if (step.status === 'in_progress') call.answered = true;
      emit({ ...base, type: 'status', status: step.status, snapshot: snapshot(call, step.status) });
    } else finish(call, step.status);
  };

  /** Plays the plan from `fromOffset` on (a restarted app resumes a call where it has got to). */
  const play = (call: ActiveCall, fromOffset: number) => {
    active.set(call.callId, call);
    // Steps due at the same moment share one timer (at benchmark speed, a whole call is one instant).
    const steps = call.plan.steps.filter((step) => step.at >= fromOffset);
    for (let i = 0; i < steps.length; ) {
      let end = i + 1;
      while (end < steps.length && steps[end].at === steps[i].at) end++;
      const group = steps.slice(i, end);
      after(call, group[0].at, () => {
        for (const step of group) runStep(call, step);
      });
      i = end;
    }
  };

  /** Plays extra steps (the AI wrapping up after an agent hands a call back), each at its offset. */
  const playSteps = (call: ActiveCall, steps: PlannedStep[]) => {
    for (const step of steps) after(call, step.at, () => runStep(call, step));
  };

  return { active, play, playSteps, finish, snapshot, cancelTimers, emit };
}

export type CallPlayer = ReturnType<typeof createCallPlayer>;
