import { eq } from 'drizzle-orm';
import type { Clock, TimerHandle } from '../../clock/clock';
import { groupCommitOf } from '../../db/group-commit';
import type { Db } from '../../db/open';
import { simulatorCalls } from '../../db/schema';
import type { Logger } from '../../logging/logger';
import { SeededRandom } from '../../random/seeded-random';
import { getSettings } from '../../settings/settings-store';
import {
  type CallSnapshot,
  type PlaceCallRequest,
  type ProviderEvent,
  type TakeoverSession,
  TransientProviderError,
  type VoiceAgentProvider,
} from '../provider';
import {
  type CallPlan,
  callCost,
  defaultRates,
  type PlannedStep,
  planCall,
  type SimulatorRates,
} from './call-plan';
import { closingLines, replyToAgent } from './conversation-lines';

export interface SimulatorOptions {
  db: Db;
  clock: Clock;
  seed?: number;
  /** 1 = real durations; 0.1 = ten times faster; 0 = every step at once (benchmarks). */
  timeScale?: number;
  /** Transcript lines are skipped when false (benchmarks measure the engine, not the talk). */
  transcripts?: boolean;
  /** Share of placeCall requests that fail like a real API would: timeouts, 429s and 5xx. */
  faultRate?: number;
  /**
   * Spans of clock time during which the provider cannot be reached at all: every request fails like
   * a network error (calls already connected go on; only the API is out).
   */
  outages?: { from: number; until: number }[];
  /** How long placeCall takes to answer, in clock milliseconds. */
  latencyMs?: number;
  rates?: SimulatorRates;
  /** Told when a step of a call cannot be recorded (a full disk); the step is tried again shortly. */
  logger?: Logger;
}

/** A step that could not be recorded is tried again after this much clock time. */
const stepRetryMs = 5_000;

interface ActiveCall {
  callId: string;
  request: PlaceCallRequest;
  startedAt: number;
  plan: CallPlan;
  timers: TimerHandle[];
  answered: boolean;
  mode: 'ai' | 'human';
  ended: boolean;
}

const positive = new Set(['booked_viewing', 'interested', 'renewal_agreed', 'upsell_accepted']);

/**
 * The default provider: calls that ring, get answered or not, talk, ask for a human and end, on the
 * injected clock, all decided by a seed — so a supervisor can rehearse a campaign and a sales agent can
 * practise a takeover, offline.
 */
export function createSimulator(options: SimulatorOptions): VoiceAgentProvider {
  const { db, clock } = options;
  const seed = options.seed ?? 1;
  const timeScale = options.timeScale ?? 1;
  const transcripts = options.transcripts ?? true;
  const rates = options.rates ?? defaultRates;
  const faults = new SeededRandom(seed ^ 0x5bd1e995);
  const listeners = new Set<(event: ProviderEvent) => void>();
  const active = new Map<string, ActiveCall>();
  const replies = new SeededRandom(seed ^ 0x27d4eb2d);
  // The ledger is written for every call: prepared once, and committed with the engine's own writes
  // (the same connection), so a call and the attempt that knows its id reach the disk together.
  const groupCommit = groupCommitOf(db.$client);
  const ledger = {
    insert: db.$client.prepare(
      'insert into simulator_calls (call_id, idempotency_key, attempt_id, started_at, request) values (?, ?, ?, ?, ?)',
    ),
    byKey: db.$client.prepare('select call_id from simulator_calls where idempotency_key = ?').pluck(),
    end: db.$client.prepare('update simulator_calls set ended_at = ?, end_reason = ? where call_id = ?'),
    mark: db.$client.prepare('update simulator_calls set end_reason = ? where call_id = ?'),
  };

  const emit = (event: ProviderEvent) => {
    for (const listener of listeners) listener(event);
  };
  const after = (call: ActiveCall, at: number, run: () => void) => {
    const delay = Math.max(0, call.startedAt + at - clock.now());
    // Never up the timer: a step that cannot be written waits and is tried again.
    const guarded = () => {
      try {
        run();
      } catch (err) {
        options.logger?.error({ err, callId: call.callId }, 'a simulated call step failed; trying again');
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
      ...callCost(connectedMs, talkMs, call.request.rates ?? rates),
    };
  };

  const finish = (call: ActiveCall, status: CallSnapshot['status']) => {
    if (call.ended) return;
    const now = clock.now();
    // Recorded first: if the disk is full nothing has changed, and the step is tried again.
    groupCommit.write(() => ledger.end.run(now, status, call.callId));
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

  const load = (callId: string): ActiveCall | undefined => {
    const live = active.get(callId);
    if (live) return live;
    const row = db.select().from(simulatorCalls).where(eq(simulatorCalls.callId, callId)).get();
    if (!row) return undefined;
    const request = row.request as PlaceCallRequest;
    return {
      callId,
      request,
      startedAt: row.startedAt,
      plan: planCall(request, row.startedAt, { seed, timeScale, transcripts }),
      timers: [],
      answered: false,
      mode: 'ai',
      ended: row.endedAt !== null,
    };
  };

  const requireLive = (callId: string): ActiveCall => {
    const call = active.get(callId);
    if (!call || call.ended) throw new Error(`Call ${callId} is not in progress`);
    return call;
  };

  const unreachable = () => {
    const now = clock.now();
    if (options.outages?.some((o) => now >= o.from && now < o.until))
      throw new TransientProviderError('connect ECONNREFUSED: the simulated provider is offline');
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => (ms > 0 ? clock.setTimeout(resolve, ms) : resolve()));

  return {
    name: 'simulator',

    async placeCall(request) {
      await sleep(options.latencyMs ?? 0);
      unreachable();
      const fault =
        options.faultRate && faults.chance(options.faultRate)
          ? faults.pick(['timeout', '429', '503'] as const)
          : undefined;
      if (fault === '429') throw new TransientProviderError('429 Too Many Requests', 2_000);
      if (fault === '503') throw new TransientProviderError('503 Service Unavailable');
      // Like a real provider, placing the same idempotency key twice returns the first call.
      const existing = ledger.byKey.get(request.idempotencyKey) as string | undefined;
      if (existing) return { callId: existing };
      const startedAt = clock.now();
      const callId = `SIM${request.attemptId.toString(36)}-${startedAt.toString(36)}`;
      // Kept with the call: a call resumed after a restart waits as long as when it was placed.
      const planned = { ...request, escalationWaitMs: getSettings(db).escalationWaitSeconds * 1000 };
      groupCommit.write(() =>
        ledger.insert.run(
          callId,
          request.idempotencyKey,
          request.attemptId,
          startedAt,
          JSON.stringify(planned),
        ),
      );
      const call: ActiveCall = {
        callId,
        request: planned,
        startedAt,
        plan: planCall(planned, startedAt, { seed, timeScale, transcripts }),
        timers: [],
        answered: false,
        mode: 'ai',
        ended: false,
      };
      active.set(callId, call);
      play(call, 0);
      // A timeout after the call was placed: the caller cannot know it went through and must reconcile.
      if (fault === 'timeout') throw new TransientProviderError('timeout waiting for the provider');
      return { callId };
    },

    async getCall(callId) {
      unreachable();
      const call = load(callId);
      if (!call) throw new Error(`Unknown call ${callId}`);
      if (active.has(callId)) return snapshot(call, call.answered ? 'in_progress' : 'ringing');
      const row = db.select().from(simulatorCalls).where(eq(simulatorCalls.callId, callId)).get()!;
      const now = clock.now();
      const elapsed = now - call.startedAt;
      if (row.endedAt !== null || row.endReason === 'taken_over' || elapsed >= call.plan.endAt) {
        // Ended, or held by an agent whose session did not survive the restart: the call is over.
        const finalStatus =
          row.endReason && row.endReason !== 'taken_over'
            ? (row.endReason as CallSnapshot['status'])
            : elapsed >= call.plan.endAt
              ? ((call.plan.steps.at(-1) as { status?: CallSnapshot['status'] }).status ?? 'completed')
              : 'completed';
        const endedAt = row.endedAt ?? Math.min(now, call.startedAt + call.plan.endAt);
        if (row.endedAt === null)
          db.update(simulatorCalls)
            .set({ endedAt, endReason: finalStatus })
            .where(eq(simulatorCalls.callId, callId))
            .run();
        return snapshot(call, finalStatus, endedAt);
      }
      // Still going: pick the plan up again from here.
      call.answered = call.plan.answeredAt !== undefined && elapsed >= call.plan.answeredAt;
      active.set(callId, call);
      play(call, elapsed);
      return snapshot(call, call.answered ? 'in_progress' : 'ringing');
    },

    async findCallByIdempotencyKey(idempotencyKey) {
      unreachable();
      return ledger.byKey.get(idempotencyKey) as string | undefined;
    },

    async probe() {
      unreachable();
    },

    async hangUp(callId) {
      const call = active.get(callId);
      if (!call) return;
      finish(call, call.answered ? 'completed' : 'cancelled');
    },

    async takeOver(callId): Promise<TakeoverSession> {
      const call = requireLive(callId);
      if (!call.answered) throw new Error('The call has not been answered yet');
      cancelTimers(call);
      call.mode = 'human';
      ledger.mark.run('taken_over', callId);
      return { kind: 'text' };
    },

    async sendAgentMessage(callId, text) {
      const call = requireLive(callId);
      if (call.mode !== 'human') throw new Error('Take the call over before speaking');
      emit({
        type: 'transcript',
        callId,
        attemptId: call.request.attemptId,
        speaker: 'agent',
        text,
        at: clock.now(),
      });
      const reply = replyToAgent(text, call.plan.mood, (items) => replies.pick(items));
      call.timers.push(
        clock.setTimeout(
          () => {
            if (call.ended) return;
            emit({
              type: 'transcript',
              callId,
              attemptId: call.request.attemptId,
              speaker: 'customer',
              text: reply,
              at: clock.now(),
            });
          },
          Math.round((1500 + reply.length * 40) * Math.max(timeScale, 0.05)),
        ),
      );
    },

    async handBack(callId) {
      const call = requireLive(callId);
      call.mode = 'ai';
      ledger.mark.run(null, callId);
      // The AI wraps up the way the conversation was heading.
      const closing = closingLines[call.plan.disposition] ?? closingLines.no_decision;
      const at = clock.now() - call.startedAt;
      const gap = Math.round(3000 * timeScale);
      const lines: PlannedStep[] = [
        { at: at + gap, kind: 'line', speaker: 'ai', text: 'Thanks for your patience — I am back with you.' },
        { at: at + 2 * gap, kind: 'line', speaker: 'customer', text: closing.customer },
        {
          at: at + 3 * gap,
          kind: 'line',
          speaker: 'ai',
          text: closing.agent.replace('{name}', String(call.request.variables['customer.first_name'] ?? '')),
        },
        { at: at + 3 * gap, kind: 'analysis' },
        { at: at + 3 * gap, kind: 'status', status: 'completed' },
      ];
      for (const step of lines) after(call, step.at, () => runStep(call, step));
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      for (const call of active.values()) cancelTimers(call);
      active.clear();
      listeners.clear();
    },
  };
}
