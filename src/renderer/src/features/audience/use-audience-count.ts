import type { AudienceGroup } from '@shared/contract/audience';
import { errorMessage } from '@shared/errors';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { contractQuery, useContractQuery } from '../../data/contract-query';
import { useDebounced } from '../../ui/use-debounced';

/**
 * The live count and sample for criteria being edited: asked again a quarter second after the last
 * change, as two reads, each shown as soon as it is answered (the count never waits for the sample).
 */
export function useAudienceCount(criteria: AudienceGroup) {
  const key = JSON.stringify(criteria);
  const asked = useDebounced(key, 250);
  const parsed = JSON.parse(asked) as AudienceGroup;
  const count = useContractQuery(
    'audience.count',
    { criteria: parsed },
    { placeholderData: keepPreviousData },
  );
  const sample = useContractQuery(
    'audience.sample',
    { criteria: parsed, limit: 20 },
    { placeholderData: keepPreviousData },
  );
  const failed = count.error ?? sample.error;
  return {
    count: count.data,
    sample: sample.data ?? [],
    error: failed ? errorMessage(failed) : undefined,
    pending: key !== asked || count.isFetching,
  };
}

const suggestedFields = ['city', 'neighborhood', 'timeZone'] as const;

/** The values customers have for the fields worth suggesting (cities, neighbourhoods, zones). */
export function useAudienceSuggestions(): Record<string, string[]> {
  const results = useQueries({
    queries: suggestedFields.map((field) =>
      contractQuery('audience.values', { field }, { staleTime: 60_000 }),
    ),
  });
  return Object.fromEntries(suggestedFields.map((field, i) => [field, results[i]?.data ?? []]));
}
