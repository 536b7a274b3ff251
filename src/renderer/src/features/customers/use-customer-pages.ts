import type { MethodInput } from '@shared/contract';
import type { CustomerRow, customerSortFields } from '@shared/contract/customers';
import { useQueries } from '@tanstack/react-query';
import type { VirtualItem } from '@tanstack/react-virtual';
import { contractQuery, useContractQuery } from '../../data/contract-query';

export const pageSize = 100;

export interface CustomerQuery {
  search: string;
  sort: (typeof customerSortFields)[number];
  direction: 'asc' | 'desc';
}

const pageInput = (query: CustomerQuery, page: number): MethodInput<'customers.list'> => ({
  ...(query.search ? { search: query.search } : {}),
  sort: query.sort,
  direction: query.direction,
  offset: page * pageSize,
  limit: pageSize,
});

/** The first page of the list: how many rows there are (the scroll height) and whether the list can be read. */
export function useCustomerTotal(query: CustomerQuery) {
  const first = useContractQuery('customers.list', pageInput(query, 0));
  return { total: first.data?.total, first };
}

/**
 * Rows of a server-side sorted/filtered list, read a page at a time as they scroll into view: the window
 * holds the pages seen (each cached as its own read, dropped a while after it leaves the screen), never
 * the whole table.
 */
export function useCustomerRows(query: CustomerQuery, inView: readonly VirtualItem[]) {
  const pages = [...new Set(inView.map((item) => Math.floor(item.index / pageSize)))];
  const results = useQueries({
    queries: pages.map((page) => contractQuery('customers.list', pageInput(query, page))),
  });
  const rows = new Map<number, CustomerRow[]>();
  pages.forEach((page, i) => {
    const data = results[i]?.data;
    if (data) rows.set(page, data.rows);
  });
  const failed = results.find((r) => r.isError);
  return {
    rowAt: (index: number): CustomerRow | undefined =>
      rows.get(Math.floor(index / pageSize))?.[index % pageSize],
    failed: failed && { error: failed.error, retry: () => void failed.refetch() },
  };
}
