import type { EventBatch, EventMessage, EventName, EventPayload } from '../../shared/contract';

export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
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
export function createEventBus(options: { intervalMs?: number } = {}): EventBus {
  const intervalMs = options.intervalMs ?? 50;
  const listeners = new Set<(batch: EventBatch) => void>();
  let pending: EventMessage[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    for (const listener of listeners) listener(batch);
  };

  return {
    publish(name, payload) {
      if (listeners.size === 0) return;
      pending.push({ name, payload } as EventMessage);
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
