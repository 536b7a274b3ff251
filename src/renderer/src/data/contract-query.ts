import type { MethodInput, MethodName, MethodOutput } from '@shared/contract';
import { type QueryClient, queryOptions, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import { client } from '../client';
import type { RefreshMeta } from './refresh-on-events';

/** A contract call's cache key: the method, then its input. `[method]` alone matches every input. */
export const contractKey = <M extends MethodName>(method: M, input: MethodInput<M>) =>
  [method, input] as const;

export type ContractQueryOptions<M extends MethodName, T = MethodOutput<M>> = RefreshMeta &
  Omit<
    UseQueryOptions<MethodOutput<M>, Error, T, readonly [M, MethodInput<M>]>,
    'queryKey' | 'queryFn' | 'meta'
  >;

/** The query options of a contract read, for `useQuery`, `useQueries` or `queryClient.fetchQuery`. */
export function contractQuery<M extends MethodName, T = MethodOutput<M>>(
  method: M,
  input: MethodInput<M>,
  { refreshOn, refreshIf, refreshAtMostEveryMs, ...options }: ContractQueryOptions<M, T> = {},
) {
  const meta: RefreshMeta = { refreshOn, refreshIf, refreshAtMostEveryMs };
  return queryOptions({
    queryKey: contractKey(method, input),
    queryFn: () => client.invoke(method, input),
    meta: meta as Record<string, unknown>,
    ...options,
  });
}

/**
 * A contract read on screen: `data` once answered, `error` (with `refetch` to try again) when it fails,
 * and read again when one of the `refreshOn` events says the answer changed.
 */
export function useContractQuery<M extends MethodName, T = MethodOutput<M>>(
  method: M,
  input: MethodInput<M>,
  options: ContractQueryOptions<M, T> = {},
) {
  return useQuery(contractQuery(method, input, options));
}

/** Marks every cached answer of these methods out of date (those on screen are read again at once). */
export function invalidateMethods(queryClient: QueryClient, methods: readonly MethodName[]) {
  return Promise.all(methods.map((method) => queryClient.invalidateQueries({ queryKey: [method] })));
}
