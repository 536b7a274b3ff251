import { type AttemptState, isFinalState } from '../../shared/calls/attempt-states';
import type { Campaign } from '../../shared/contract/campaigns';
import type { Clock } from '../clock/clock';
import type { GroupCommit } from '../db/group-commit';
import type { Db } from '../db/open';
import type { EventBus } from '../events/event-bus';
import type { ProviderEvent } from '../providers/provider';
import type { AttemptPatch, AttemptRow, AttemptStore } from './attempt-store';
import type { CallSummaries } from './call-summaries';

/**
 * Following calls: what a provider reports — status changes, transcript lines, escalations, the
 * analysis — becomes attempt moves, transcript rows, dispositions, and events for the monitor.
 */
export function createProviderEventFollower(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  store: AttemptStore;
  summaries: CallSummaries;
  groupCommit: GroupCommit;
  campaignOf: (campaignId: number) => Campaign;
  /** Ends the attempt (and queues its retry): the engine's, as it also frees the line. */
  finalize: (attempt: AttemptRow, to: AttemptState, patch: AttemptPatch) => void;
  publishCall: (attemptId: number) => void;
  /** Nobody holds the call any more (the engine keeps which client holds each). */
  releaseHolder: (attemptId: number) => void;
}) {
  const { clock, bus, store, summaries, groupCommit, finalize, publishCall } = deps;
  const c = deps.db.$client;

  const storedTurns = c
    .prepare("select count(*) from transcripts where attempt_id = ? and speaker in ('ai', 'customer')")
    .pluck();

  /** Stores and announces a line, unless the provider numbers its turns and this one is stored already. */
  const appendTranscript = (attemptId: number, event: Extract<ProviderEvent, { type: 'transcript' }>) => {
    if (event.turn !== undefined && (storedTurns.get(attemptId) as number) > event.turn) return;
    const seq = store.appendLine(attemptId, event.at, event.speaker, event.text);
    if (bus.hasSubscribers()) {
      bus.publish('call.transcript', {
        attemptId,
        seq,
        at: event.at,
        speaker: event.speaker,
        text: event.text,
      });
    }
  };

  const onProviderEvent = (event: ProviderEvent) => {
    const attempt = store.get(event.attemptId);
    if (!attempt) return;
    if (isFinalState(attempt.state)) {
      // A call can be over before its last words and analysis are read (it ended while the app was
      // down, and reconciliation closed it), and its price comes later still: those are kept; its state
      // is not touched again.
      if (event.type === 'analysis') recordAnalysis(attempt, event);
      else if (event.type === 'transcript' && event.turn !== undefined) appendTranscript(attempt.id, event);
      else if (event.type === 'note') recordNote(attempt.id, event);
      else if (event.type === 'cost') recordCost(attempt, event);
      return;
    }
    const now = clock.now();
    switch (event.type) {
      case 'status': {
        const s = event.status;
        if (s === 'ringing') {
          if (store.move(attempt.id, attempt.state, 'ringing', now)) publishCall(attempt.id);
        } else if (s === 'in_progress') {
          if (
            store.move(attempt.id, attempt.state, 'in_progress', now, {
              answeredAt: event.snapshot?.answeredAt ?? now,
            })
          ) {
            publishCall(attempt.id);
          }
        } else if (s !== 'queued') {
          finalize(attempt, s, {
            endedAt: event.snapshot?.endedAt ?? now,
            answeredAt: event.snapshot?.answeredAt,
            durationSeconds: event.snapshot?.durationSeconds,
            costTelephony: event.snapshot?.costTelephony,
            costAi: event.snapshot?.costAi,
          });
        }
        break;
      }
      case 'transcript':
        appendTranscript(attempt.id, event);
        break;
      case 'escalation': {
        if (
          store.move(
            attempt.id,
            attempt.state,
            'escalated',
            now,
            { escalated: true },
            { reason: event.reason, ...(event.urgency ? { urgency: event.urgency } : {}) },
          )
        ) {
          const summary = summaries.get(attempt.id);
          if (summary) {
            bus.publish('call.escalated', {
              attemptId: attempt.id,
              customerName: summary.customerName,
              campaignName: summary.campaignName,
              reason: event.reason,
              ...(event.urgency ? { urgency: event.urgency } : {}),
            });
          }
          publishCall(attempt.id);
        }
        break;
      }
      case 'escalation_ended':
        // Nobody took it: the AI carries on (and offers a callback); the call no longer wants a human.
        if (
          attempt.state === 'escalated' &&
          store.move(attempt.id, 'escalated', 'in_progress', now, {}, { reason: event.reason })
        ) {
          publishCall(attempt.id);
        }
        break;
      case 'analysis':
        recordAnalysis(attempt, event);
        break;
      case 'note':
        recordNote(attempt.id, event);
        break;
      case 'cost':
        recordCost(attempt, event);
        break;
      case 'returned_to_ai':
        // The agent's softphone never answered (or dropped): the AI has the customer again.
        deps.releaseHolder(attempt.id);
        store.release(attempt.id, now, attempt.heldBy ?? 'agent');
        appendTranscript(attempt.id, { ...event, type: 'transcript', speaker: 'system', text: event.reason });
        publishCall(attempt.id);
        break;
    }
  };

  /** A voicemail left, a booking or callback the agent asked for …: the call's timeline keeps it. */
  const recordNote = (attemptId: number, event: Extract<ProviderEvent, { type: 'note' }>) => {
    store.note(attemptId, event.at, event.kind, event.data);
    if (event.line)
      appendTranscript(attemptId, { ...event, type: 'transcript', speaker: 'system', text: event.line });
    publishCall(attemptId);
  };

  const recordCost = (attempt: AttemptRow, event: Extract<ProviderEvent, { type: 'cost' }>) => {
    store.recordOutcome(
      attempt.id,
      clock.now(),
      { costTelephony: event.costTelephony, costAi: event.costAi },
      'cost',
    );
    publishCall(attempt.id);
  };

  const insertDisposition =
    c.prepare(`insert into dispositions (attempt_id, disposition, converted, notes, decided_by, at)
    values (?, ?, ?, ?, ?, ?) on conflict (attempt_id) do nothing`);
  const addDnc =
    c.prepare(`insert into dnc_numbers (phone, source, reason, added_at) values (?, 'call_request', ?, ?)
    on conflict (phone) do nothing`);

  /** The AI's verdict on a call; an agent's disposition, if one was given, takes precedence. */
  const recordAnalysis = (attempt: AttemptRow, event: Extract<ProviderEvent, { type: 'analysis' }>) => {
    const now = clock.now();
    const humanDecided = attempt.disposition !== null && attempt.mode === 'human';
    store.recordOutcome(attempt.id, now, {
      ...(humanDecided ? {} : { disposition: event.disposition }),
      durationSeconds: event.durationSeconds,
      costTelephony: event.costTelephony,
      costAi: event.costAi,
      sentiment: event.sentiment,
    });
    if (!humanDecided) recordDisposition(attempt, event.disposition, null, 'ai', now);
  };

  const recordDisposition = (
    attempt: AttemptRow,
    disposition: string,
    notes: string | null,
    decidedBy: string,
    now: number,
  ) => {
    const campaign = deps.campaignOf(attempt.campaignId);
    groupCommit.write(() => {
      insertDisposition.run(
        attempt.id,
        disposition,
        (campaign.goal.conversionDispositions as string[]).includes(disposition) ? 1 : 0,
        notes,
        decidedBy,
        now,
      );
      // A request not to be called again takes effect at once, for every campaign.
      if (disposition === 'do_not_call_request')
        addDnc.run(attempt.toNumber, `asked during call ${attempt.id}`, now);
    });
  };

  return { onProviderEvent, recordDisposition };
}
