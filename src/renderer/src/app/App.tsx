import { useEffect, useState } from 'react';
import type { TableCounts } from '../../../shared/contract/system';
import { client } from '../client';

/** Placeholder shell; the UI engineer replaces it with the navigation and feature screens. */
export function App() {
  const [counts, setCounts] = useState<TableCounts>();
  useEffect(() => {
    void client.invoke('system.tableCounts', {}).then(setCounts);
  }, []);
  return (
    <main>
      <h1>Navaia</h1>
      <p>{counts ? `${counts.customers} customers` : 'Loading…'}</p>
    </main>
  );
}
