/**
 * A call attempt's life: queued → dialing → ringing → in_progress (AI) → [escalated → in_progress
 * (human)] → a final state. Every move the engine makes is checked against this table.
 */
export const attemptStates = [
  'queued',
  'dialing',
  'ringing',
  'in_progress',
  'escalated',
  'completed',
  'no_answer',
  'busy',
  'voicemail',
  'failed',
  'cancelled',
] as const;
export type AttemptState = (typeof attemptStates)[number];

export const finalAttemptStates = [
  'completed',
  'no_answer',
  'busy',
  'voicemail',
  'failed',
  'cancelled',
] as const;
export type FinalAttemptState = (typeof finalAttemptStates)[number];
export const liveAttemptStates = ['dialing', 'ringing', 'in_progress', 'escalated'] as const;

const endings: AttemptState[] = ['failed', 'cancelled'];

export const attemptTransitions: Record<AttemptState, readonly AttemptState[]> = {
  queued: ['dialing', 'cancelled'],
  // A provider may skip ringing (answered at once) or report the end straight away. Back to the queue
  // when the provider could not be reached and placed nothing: the customer's attempt is not used up.
  dialing: ['ringing', 'in_progress', 'no_answer', 'busy', 'voicemail', ...endings, 'queued'],
  ringing: ['in_progress', 'no_answer', 'busy', 'voicemail', ...endings],
  in_progress: ['escalated', 'completed', 'voicemail', ...endings],
  // The customer asked for a human: a human takes it (back to in_progress, mode human), or it ends.
  escalated: ['in_progress', 'completed', ...endings],
  completed: [],
  no_answer: [],
  busy: [],
  voicemail: [],
  failed: [],
  cancelled: [],
};

export const isFinalState = (state: string): state is FinalAttemptState =>
  (finalAttemptStates as readonly string[]).includes(state);
export const isLiveState = (state: string): boolean =>
  (liveAttemptStates as readonly string[]).includes(state);
export const canMoveAttempt = (from: AttemptState, to: AttemptState): boolean =>
  attemptTransitions[from].includes(to);
