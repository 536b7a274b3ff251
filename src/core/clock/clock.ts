/** Time as the engine sees it: real in the app, virtual in tests and dry runs. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

/**
 * Real time, optionally shifted: `offsetMs` lets a rehearsal or an end-to-end test run "as if it were
 * Tuesday 10:00" while timers still run at real speed.
 */
export function createSystemClock(offsetMs = 0): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now() + offsetMs,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          callback();
        }, ms),
      );
      return { id };
    },
    clearTimeout(handle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}
