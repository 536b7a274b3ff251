import type { Clock } from '../../clock/clock';
import { groupCommitOf } from '../../db/group-commit';
import type { Db } from '../../db/open';
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
import { defaultRates, type PlannedStep, planCall, type SimulatorRates } from './call-plan';
import { closingLines, replyToAgent } from './conversation-lines';
import { type ActiveCall, createCallPlayer } from './simulated-call';
import { createSimulatorLedger } from './simulator-ledger';

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
  const faults = new SeededRandom(seed ^ 0x5bd1e995);
  const listeners = new Set<(event: ProviderEvent) => void>();
  const replies = new SeededRandom(seed ^ 0x27d4eb2d);
  // The ledger is written for every call, committed with the engine's own writes (the same
  // connection), so a call and the attempt that knows its id reach the disk together.
  const groupCommit = groupCommitOf(db.$client);
  const ledger = createSimulatorLedger(db);
  const player = createCallPlayer({
    clock,
    ledger,
    groupCommit,
    rates: options.rates ?? defaultRates,
    logger: options.logger,
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
  });
  const { active, snapshot } = player;

  /** A call of the ledger (placed before a restart) as it would be playing now. */
  const load = (callId: string): ActiveCall | undefined => {
    const live = active.get(callId);
    if (live) return live;
    const row = ledger.get(callId);
    if (!row) return undefined;
    const request = JSON.parse(row.request) as PlaceCallRequest;
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
      const startedAt = clock.now();
      const callId = `SIM${request.attemptId.toString(36)}-${startedAt.toString(36)}`;
      // Kept with the call: a call resumed after a restart waits as long as when it was placed.
      const planned = { ...request, escalationWaitMs: getSettings(db).escalationWaitSeconds * 1000 };
      // Like a real provider, placing the same idempotency key twice returns the first call.
      const existing = groupCommit.write(() =>
        ledger.placeOnce(callId, request.idempotencyKey, request.attemptId, startedAt, planned),
      );
      if (existing) return { callId: existing };
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
      player.play(call, 0);
      // A timeout after the call was placed: the caller cannot know it went through and must reconcile.
      if (fault === 'timeout') throw new TransientProviderError('timeout waiting for the provider');
      return { callId };
    },

    async getCall(callId) {
      unreachable();
      const call = load(callId);
      if (!call) throw new Error(`Unknown call ${callId}`);
      if (active.has(callId)) return snapshot(call, call.answered ? 'in_progress' : 'ringing');
      const row = ledger.get(callId)!;
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
        if (row.endedAt === null) ledger.ended(callId, endedAt, finalStatus);
        return snapshot(call, finalStatus, endedAt);
      }
      // Still going: pick the plan up again from here.
      call.answered = call.plan.answeredAt !== undefined && elapsed >= call.plan.answeredAt;
      player.play(call, elapsed);
      return snapshot(call, call.answered ? 'in_progress' : 'ringing');
    },

    async findCallByIdempotencyKey(idempotencyKey) {
      unreachable();
      return ledger.callOfKey(idempotencyKey);
    },

    async probe() {
      unreachable();
    },

    async hangUp(callId) {
      const call = active.get(callId);
      if (!call) return;
      player.finish(call, call.answered ? 'completed' : 'cancelled');
    },

    async takeOver(callId): Promise<TakeoverSession> {
      const call = requireLive(callId);
      if (!call.answered) throw new Error('The call has not been answered yet');
      player.cancelTimers(call);
      call.mode = 'human';
      ledger.mark(callId, 'taken_over');
      return { kind: 'text' };
    },

    async sendAgentMessage(callId, text) {
      const call = requireLive(callId);
      if (call.mode !== 'human') throw new Error('Take the call over before speaking');
      player.emit({
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
            player.emit({
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
      ledger.mark(callId, null);
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
      player.playSteps(call, lines);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      for (const call of active.values()) player.cancelTimers(call);
      active.clear();
      listeners.clear();
    },
  };
}
