import { useEffect, useState } from 'react';
import type { AudienceCount, AudienceGroup, AudienceSampleRow } from '../../../../shared/contract/audience';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';

/**
 * The live count and sample for criteria being edited: asked again a quarter second after the last
 * change, as two calls, each shown as soon as it is answered (the count never waits for the sample).
 */
export function useAudienceCount(criteria: AudienceGroup) {
  const [count, setCount] = useState<AudienceCount>();
  const [sample, setSample] = useState<AudienceSampleRow[]>([]);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const key = JSON.stringify(criteria);

  useEffect(() => {
    let current = true;
    setPending(true);
    const fail = (err: unknown) => {
      if (current) setError(errorMessage(err));
    };
    const timer = setTimeout(() => {
      const parsed = JSON.parse(key) as AudienceGroup;
      client
        .invoke('audience.count', { criteria: parsed })
        .then((c) => {
          if (!current) return;
          setCount(c);
          setError(undefined);
        }, fail)
        .finally(() => {
          if (current) setPending(false);
        });
      client.invoke('audience.sample', { criteria: parsed, limit: 20 }).then((s) => {
        if (current) setSample(s);
      }, fail);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  return { count, sample, error, pending };
}
