import type { Clock, TimerHandle } from './clock';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. `advanceTo` fires every timer due on the way in time order,
 * so a day of campaign runs in milliseconds and every run with the same inputs is identical.
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    // Keep sorted by (at, id): insertion from the end is cheap because most timers are near-future.
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1].at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.timers.findIndex((t) => t.id === handle.id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** The time of the next pending timer, or undefined when nothing is scheduled. */
  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** Fires the earliest timer (moving time to it). Returns false when none is pending. */
  step(): boolean {
    const timer = this.timers.shift();
    if (!timer) return false;
    this.current = Math.max(this.current, timer.at);
    timer.callback();
    return true;
  }

  advanceTo(time: number): void {
    while (this.timers.length > 0 && this.timers[0].at <= time) this.step();
    this.current = Math.max(this.current, time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}

/** Lets pending promise continuations (provider replies, awaited writes) run before time moves on. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Advances a virtual clock to `time`, letting async work triggered by each timer finish before the
 * next one fires — what an engine built on promises needs in virtual time.
 */
export async function runVirtualUntil(clock: VirtualClock, time: number): Promise<void> {
  await settle();
  for (;;) {
    const next = clock.nextTimerAt();
    if (next === undefined || next > time) break;
    clock.step();
    await settle();
  }
  clock.advanceTo(time);
  await settle();
}
