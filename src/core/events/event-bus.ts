import type { EventBatch, EventMessage, EventName, EventPayload } from '../../shared/contract';

export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /**
   * Publishes the latest state of something that changes often (a call): `build` runs once, at the
   * next delivery, however many times `key` changed in between — a call that rang, was answered and
   * ended within one batch costs one payload, not three.
   */
  publishLatest<E extends EventName>(name: E, key: string, build: () => EventPayload<E> | undefined): void;
  /** Whether anyone listens: publishers skip building payloads nobody will read. */
  hasSubscribers(): boolean;
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Delivers what is pending now (tests, shutdown). */
  flush(): void;
  close(): void;
}

/**
 * Collects events and hands them to subscribers in batches at most every `intervalMs` of real time, so
 * a thousand live calls cost the UI twenty deliveries a second, not thousands.
 */
export function createEventBus(
  options: {
    intervalMs?: number;
    /** Told when building a payload or a subscriber fails; delivery goes on for the others. */
    onError?: (err: unknown) => void;
  } = {},
): EventBus {
  const onError = options.onError ?? (() => undefined);
  const intervalMs = options.intervalMs ?? 50;
  const listeners = new Set<(batch: EventBatch) => void>();
  let pending: EventMessage[] = [];
  let latest = new Map<string, () => EventMessage | undefined>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (latest.size > 0) {
      const builders = latest;
      latest = new Map();
      for (const build of builders.values()) {
        try {
          const message = build();
          if (message) pending.push(message);
        } catch (err) {
          onError(err);
        }
      }
    }
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (err) {
        onError(err);
      }
    }
  };

  return {
    publish(name, payload) {
      if (listeners.size === 0) return;
      pending.push({ name, payload } as EventMessage);
      timer ??= setTimeout(flush, intervalMs);
    },
    publishLatest(name, key, build) {
      if (listeners.size === 0) return;
      latest.set(`${name}:${key}`, () => {
        const payload = build();
        return payload === undefined ? undefined : ({ name, payload } as EventMessage);
      });
      timer ??= setTimeout(flush, intervalMs);
    },
    hasSubscribers: () => listeners.size > 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    close() {
      flush();
      listeners.clear();
    },
  };
}
