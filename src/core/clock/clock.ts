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
  return createRealTimeClock({ startAt: Date.now() + offsetMs });
}

/**
 * Real time from `startAt` (at real moment `t0`), running `speed` times faster than life. Tests of the
 * real provider use it: they talk to a real HTTP server, which a virtual clock would outrun.
 */
export function createRealTimeClock({
  startAt,
  speed = 1,
  t0 = Date.now(),
}: {
  startAt: number;
  speed?: number;
  t0?: number;
}): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => startAt + Math.round((Date.now() - t0) * speed),
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          callback();
        }, ms / speed),
      );
      return { id };
    },
    clearTimeout(handle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}
