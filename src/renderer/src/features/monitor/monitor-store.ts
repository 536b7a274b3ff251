import { isLiveState } from '@shared/calls/attempt-states';
import type { EventBatch } from '@shared/contract';
import type { CallSummary, CampaignProgress, TranscriptLine } from '@shared/contract/calls';
import { create } from 'zustand';
import { client } from '../../client';

export interface EscalationReason {
  reason: string;
  urgency?: 'low' | 'normal' | 'high';
}

interface MonitorState {
  calls: Map<number, CallSummary>;
  /** Calls that ended while the page watched, latest state (kept for open call panels; bounded). */
  ended: Map<number, CallSummary>;
  progress: Map<number, CampaignProgress>;
  /** Transcript lines as they stream, for the calls someone has open. */
  lines: Map<number, TranscriptLine[]>;
  /** Why each live call asked for a person (from `call.escalated`), dropped when the call ends. */
  escalationReasons: Map<number, EscalationReason>;
  loaded: boolean;
  /** The app's clock minus this page's: durations are measured on the app's clock. */
  clockSkew: number;
  load(): Promise<void>;
  apply(batch: EventBatch): void;
  watchTranscript(attemptId: number, lines: TranscriptLine[]): void;
}

/**
 * Every live call, kept current from event batches: one state update per batch, however many events
 * it carries, so a thousand talking calls cost twenty renders a second at most.
 */
const maxEnded = 500;

export const useMonitor = create<MonitorState>((set, get) => ({
  calls: new Map(),
  ended: new Map(),
  progress: new Map(),
  lines: new Map(),
  escalationReasons: new Map(),
  loaded: false,
  clockSkew: 0,
  async load() {
    // Events keep adding calls even when this first read fails, so a failure would go unnoticed while
    // every duration is measured on the wrong clock: try again until it succeeds.
    for (let attempt = 0; ; attempt++) {
      try {
        const [active, info] = await Promise.all([
          client.invoke('calls.active', {}),
          client.invoke('system.info', {}),
        ]);
        set({
          calls: new Map(active.map((c) => [c.attemptId, c])),
          loaded: true,
          clockSkew: info.now - Date.now(),
        });
        return;
      } catch (err) {
        console.error('monitor: reading the live calls failed; retrying', err);
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 10_000)));
      }
    }
  },
  apply(batch) {
    let calls: Map<number, CallSummary> | undefined;
    let ended: Map<number, CallSummary> | undefined;
    let progress: Map<number, CampaignProgress> | undefined;
    let lines: Map<number, TranscriptLine[]> | undefined;
    let reasons: Map<number, EscalationReason> | undefined;
    for (const event of batch) {
      if (event.name === 'call.changed') {
        calls ??= new Map(get().calls);
        if (isLiveState(event.payload.state)) calls.set(event.payload.attemptId, event.payload);
        else {
          calls.delete(event.payload.attemptId);
          if (get().escalationReasons.has(event.payload.attemptId)) {
            reasons ??= new Map(get().escalationReasons);
            reasons.delete(event.payload.attemptId);
          }
          ended ??= new Map(get().ended);
          ended.set(event.payload.attemptId, event.payload);
          if (ended.size > maxEnded) ended.delete(ended.keys().next().value!);
        }
      } else if (event.name === 'call.transcript') {
        calls ??= new Map(get().calls);
        const call = calls.get(event.payload.attemptId);
        if (call) calls.set(call.attemptId, { ...call, lastLine: event.payload.text });
        const watched = get().lines.get(event.payload.attemptId);
        if (watched && !watched.some((l) => l.seq === event.payload.seq)) {
          lines ??= new Map(get().lines);
          // In the order said: a real call's transcript arrives when its conversation ends, after the
          // lines Navaia added meanwhile (takeover, voicemail).
          lines.set(
            event.payload.attemptId,
            [...(lines.get(event.payload.attemptId) ?? watched), event.payload].sort(
              (a, b) => a.at - b.at || a.seq - b.seq,
            ),
          );
        }
      } else if (event.name === 'call.escalated') {
        reasons ??= new Map(get().escalationReasons);
        const { attemptId, reason, urgency } = event.payload;
        reasons.set(attemptId, { reason, urgency });
      } else if (event.name === 'campaign.progress') {
        progress ??= new Map(get().progress);
        progress.set(event.payload.campaignId, event.payload);
      }
    }
    set({
      ...(calls ? { calls } : {}),
      ...(ended ? { ended } : {}),
      ...(progress ? { progress } : {}),
      ...(lines ? { lines } : {}),
      ...(reasons ? { escalationReasons: reasons } : {}),
    });
  },
  watchTranscript(attemptId, lines) {
    const next = new Map(get().lines);
    next.set(attemptId, lines);
    set({ lines: next });
  },
}));

let subscribed = false;
/** Starts feeding the store from the host's events (once per page). */
export function connectMonitor(): void {
  if (subscribed) return;
  subscribed = true;
  client.subscribe((batch) => useMonitor.getState().apply(batch));
  void useMonitor.getState().load();
}
