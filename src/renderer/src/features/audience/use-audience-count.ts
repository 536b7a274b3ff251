import { useEffect, useState } from 'react';
import type { AudienceCount, AudienceGroup, AudienceSampleRow } from '../../../../shared/contract/audience';
import { client } from '../../client';

/** The live count and sample for criteria being edited: asked again a quarter second after the last change. */
export function useAudienceCount(criteria: AudienceGroup) {
  const [count, setCount] = useState<AudienceCount>();
  const [sample, setSample] = useState<AudienceSampleRow[]>([]);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const key = JSON.stringify(criteria);

  useEffect(() => {
    let current = true;
    setPending(true);
    const timer = setTimeout(async () => {
      try {
        const parsed = JSON.parse(key) as AudienceGroup;
        const [c, s] = await Promise.all([
          client.invoke('audience.count', { criteria: parsed }),
          client.invoke('audience.sample', { criteria: parsed, limit: 20 }),
        ]);
        if (!current) return;
        setCount(c);
        setSample(s);
        setError(undefined);
      } catch (err) {
        if (current) setError(err instanceof Error ? err.message : String(err));
      } finally {
        if (current) setPending(false);
      }
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  return { count, sample, error, pending };
}
