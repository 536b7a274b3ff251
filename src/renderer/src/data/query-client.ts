import { QueryClient } from '@tanstack/react-query';
import { RpcError } from '../client/rpc-error';

/** A refusal (bad input, not found, wrong state) says the same the second time; a dropped link may not. */
export const worthRetrying = (err: unknown) =>
  !(err instanceof RpcError) || err.code === 'internal' || err.code === 'unavailable';

/**
 * The window's one cache of contract reads. Events keep answers current (see refresh-on-events), so
 * nothing is read again on focus; a read that failed for a passing reason is tried once more, then shown
 * with a way to retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 1_000,
        retry: (failures, err) => failures < 1 && worthRetrying(err),
        retryDelay: 500,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
