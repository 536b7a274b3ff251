import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerRow, customerSortFields } from '../../../../shared/contract/customers';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';

export const pageSize = 100;

export interface CustomerQuery {
  search: string;
  sort: (typeof customerSortFields)[number];
  direction: 'asc' | 'desc';
  /** Bumped to load the same query again after the data changed (an import). */
  version?: number;
}

/**
 * Rows of a server-side sorted/filtered list, loaded a page at a time as they scroll into view: the
 * renderer holds only the pages seen, never the whole table.
 */
export function useCustomerPages(query: CustomerQuery) {
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<string>();
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, CustomerRow[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version means the same query, fresh rows
  const loadPage = useCallback(
    async (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      const asked = generation.current;
      try {
        const result = await client.invoke('customers.list', {
          ...(query.search ? { search: query.search } : {}),
          sort: query.sort,
          direction: query.direction,
          offset: page * pageSize,
          limit: pageSize,
        });
        if (asked !== generation.current) return;
        pages.current.set(page, result.rows);
        setTotal(result.total);
        setError(undefined);
        setVersion((v) => v + 1);
      } catch (err) {
        if (asked === generation.current) setError(errorMessage(err));
      } finally {
        loading.current.delete(page);
      }
    },
    [query.search, query.sort, query.direction, query.version],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    loading.current = new Set();
    setTotal(undefined);
    void loadPage(0);
  }, [loadPage]);

  const rowAt = (index: number): CustomerRow | undefined => {
    const page = Math.floor(index / pageSize);
    const rows = pages.current.get(page);
    if (!rows) {
      void loadPage(page);
      return undefined;
    }
    return rows[index % pageSize];
  };

  return { total, error, rowAt };
}
