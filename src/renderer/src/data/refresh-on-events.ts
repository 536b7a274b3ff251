import type { EventBatch, EventMessage, EventName, NavaiaClient } from '@shared/contract';
import type { QueryClient } from '@tanstack/react-query';

/**
 * What a contract query declares (in its `meta`) about the events that make its answer out of date:
 * their names, optionally a test on each event (this campaign's, not any), and how often at most it is
 * asked again while such events keep coming (a thousand live calls must not mean a thousand reads).
 */
export interface RefreshMeta {
  refreshOn?: readonly EventName[];
  refreshIf?: (event: EventMessage) => boolean;
  refreshAtMostEveryMs?: number;
}

/** Half a second: the host batches events twenty times a second; a list need not follow each batch. */
export const defaultRefreshMs = 500;

/** Whether a query with this meta is out of date after this batch of events. */
export function isOutdatedBy(meta: RefreshMeta | undefined, batch: EventBatch): boolean {
  if (!meta?.refreshOn?.length) return false;
  const names = meta.refreshOn;
  return batch.some((event) => names.includes(event.name) && (meta.refreshIf?.(event) ?? true));
}

/**
 * One subscription for the whole window: each batch of events invalidates the queries that named them
 * (a query on screen is read again, one off screen is read when it is next shown), each at most once per
 * its `refreshAtMostEveryMs`. Returns the unsubscribe.
 */
export function refreshQueriesOnEvents(
  queryClient: QueryClient,
  client: Pick<NavaiaClient, 'subscribe'>,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
): () => void {
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  const unsubscribe = client.subscribe((batch) => {
    for (const query of queryClient.getQueryCache().getAll()) {
      const meta = query.meta as RefreshMeta | undefined;
      if (waiting.has(query.queryHash) || !isOutdatedBy(meta, batch)) continue;
      const timer = timers.setTimeout(() => {
        waiting.delete(query.queryHash);
        void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      }, meta?.refreshAtMostEveryMs ?? defaultRefreshMs);
      waiting.set(query.queryHash, timer);
    }
  });
  return () => {
    unsubscribe();
    for (const timer of waiting.values()) timers.clearTimeout(timer);
    waiting.clear();
  };
}
