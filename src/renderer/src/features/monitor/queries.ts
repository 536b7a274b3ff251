import { useContractQuery } from '../../data/contract-query';

/**
 * One call's detail (customer, timeline, notes), read again when the call changes state. Its transcript
 * lines stream through the monitor store, not through this read.
 */
export const useCallDetail = (attemptId: number) =>
  useContractQuery(
    'calls.get',
    { attemptId },
    {
      refreshOn: ['call.changed'],
      refreshIf: (e) => e.name === 'call.changed' && e.payload.attemptId === attemptId,
      refreshAtMostEveryMs: 1_000,
    },
  );

/** Whether real calls' events reach the monitor live (a public URL for webhooks), for its notice. */
export const useProviderStatus = (enabled = true) => useContractQuery('providers.status', {}, { enabled });
