import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { client } from '../client';
import { createQueryClient } from '../data/query-client';
import { refreshQueriesOnEvents } from '../data/refresh-on-events';

/** The window's cache of contract reads, kept current by the host's events. */
export function DataProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => refreshQueriesOnEvents(queryClient, client), [queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
