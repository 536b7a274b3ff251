import type { MethodInput, MethodName, MethodOutput } from '@shared/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client } from '../client';
import { invalidateMethods } from './contract-query';
import { failureNotice, useNotices } from './notices';

export interface ContractMutationOptions<M extends MethodName> {
  /** Reads whose answers this change makes out of date. */
  invalidates?: readonly MethodName[];
  /**
   * What the user was doing, for the notice when it fails ("Pausing the campaign"); `false` when the
   * screen shows the error itself (a form, beside its fields).
   */
  notice: string | false;
  onSuccess?: (result: MethodOutput<M>, input: MethodInput<M>) => void;
}

/**
 * A contract change: on success the named reads are refreshed; on failure the user reads what failed and
 * why — in a notice, or in place where the screen shows `error`.
 */
export function useContractMutation<M extends MethodName>(method: M, options: ContractMutationOptions<M>) {
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, Error, MethodInput<M>>({
    mutationKey: [method],
    mutationFn: (input) => client.invoke(method, input),
    onSuccess: async (result, input) => {
      options.onSuccess?.(result, input);
      if (options.invalidates) await invalidateMethods(queryClient, options.invalidates);
    },
    onError: (err) => {
      if (options.notice) useNotices.getState().notify(failureNotice(options.notice, err));
    },
  });
}
