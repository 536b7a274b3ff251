import type { MethodName } from '@shared/contract';
import { useContractMutation } from '../../data/contract-mutation';

const callReads: readonly MethodName[] = ['calls.get', 'calls.history'];

// The call panel shows what went wrong with the call in the panel itself, so none of these raise a notice.
export const useTakeOver = () =>
  useContractMutation('calls.takeOver', { notice: false, invalidates: callReads });
export const useSay = () => useContractMutation('calls.say', { notice: false });
export const useEndCall = () => useContractMutation('calls.end', { notice: false, invalidates: callReads });
export const useHandBack = () =>
  useContractMutation('calls.handBack', { notice: false, invalidates: callReads });
export const useHangUp = () => useContractMutation('calls.hangUp', { notice: false, invalidates: callReads });
