import { describe, expect, it } from 'vitest';
import {
  attemptStates,
  attemptTransitions,
  canMoveAttempt,
  finalAttemptStates,
} from '../../src/shared/calls/attempt-states';

const allowed: [string, string][] = [
  ['queued', 'dialing'],
  ['queued', 'cancelled'],
  ...['ringing', 'in_progress', 'no_answer', 'busy', 'voicemail', 'failed', 'cancelled', 'queued'].map(
    (to) => ['dialing', to] as [string, string],
  ),
  ...['in_progress', 'no_answer', 'busy', 'voicemail', 'failed', 'cancelled'].map(
    (to) => ['ringing', to] as [string, string],
  ),
  ...['escalated', 'completed', 'voicemail', 'failed', 'cancelled'].map(
    (to) => ['in_progress', to] as [string, string],
  ),
  ...['in_progress', 'completed', 'failed', 'cancelled'].map((to) => ['escalated', to] as [string, string]),
];

describe('the call attempt state machine', () => {
  it.each(attemptStates.flatMap((from) => attemptStates.map((to) => [from, to] as const)))(
    '%s → %s is allowed only if listed',
    (from, to) => {
      const expected = allowed.some(([f, t]) => f === from && t === to);
      expect(canMoveAttempt(from, to)).toBe(expected);
    },
  );

  it('has no way out of a final state', () => {
    for (const state of finalAttemptStates) expect(attemptTransitions[state]).toEqual([]);
  });
});
