import type { CustomerRow } from '@shared/contract/customers';
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { invalidateMethods } from '../../data/contract-query';
import { LoadFailed } from '../../ui/load-state';
import { CustomerCard } from './CustomerCard';
import { customerColumns, gridTemplate } from './customer-columns';
import { CustomerImportDialog } from './import/CustomerImportDialog';
import { type CustomerQuery, useCustomerRows, useCustomerTotal } from './use-customer-pages';
import './customers.css';

const rowHeight = 34;

export function CustomersPage() {
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState<CustomerQuery>({ search: '', sort: 'name', direction: 'asc' });
  const [selected, setSelected] = useState<CustomerRow>();
  const [importing, setImporting] = useState(false);
  const { total, first } = useCustomerTotal(query);
  const queryClient = useQueryClient();
  const scrollRef = useRef<HTMLDivElement>(null);

  // Debounced: a query per pause in typing, not per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => ({ ...q, search: searchText.trim() })), 250);
    return () => clearTimeout(timer);
  }, [searchText]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts again from the top
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 20,
  });
  const { rowAt, failed } = useCustomerRows(query, virtualizer.getVirtualItems());

  const toggleSort = (sort: CustomerQuery['sort']) =>
    setQuery((q) => ({ ...q, sort, direction: q.sort === sort && q.direction === 'asc' ? 'desc' : 'asc' }));

  return (
    <section className="page customers-page">
      <header className="page-header">
        <h1>Customers</h1>
        <span className="muted" data-testid="customer-total">
          {total === undefined
            ? first.isError
              ? ''
              : 'Loading…'
            : `${total.toLocaleString()} ${query.search ? 'matching' : 'customers'}`}
        </span>
        <input
          type="search"
          aria-label="Search customers"
          placeholder="Search name or phone…"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          autoFocus
        />
        <button type="button" onClick={() => setImporting(true)}>
          Import CSV
        </button>
      </header>
      {importing && (
        <CustomerImportDialog
          onClose={(changed) => {
            setImporting(false);
            // Every page read before the import is out of date: read the list again, imported customers in.
            if (changed) void invalidateMethods(queryClient, ['customers.list']);
          }}
        />
      )}
      {first.isError && (
        <LoadFailed what="The customers" error={first.error} onRetry={() => void first.refetch()} />
      )}
      {!first.isError && failed && (
        <LoadFailed what="Some customers" error={failed.error} onRetry={failed.retry} />
      )}
      <div className="customer-layout">
        <div className="vtable" role="table" aria-label="Customers" aria-rowcount={total ?? 0}>
          <div className="vtable-header" role="row" style={{ gridTemplateColumns: gridTemplate }}>
            {customerColumns.map((c) => (
              <div
                key={c.id}
                role="columnheader"
                aria-sort={
                  c.sort && query.sort === c.sort
                    ? query.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => toggleSort(c.sort!)}>
                    {c.header}
                    {query.sort === c.sort ? (query.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.header
                )}
              </div>
            ))}
          </div>
          <div className="vtable-body" ref={scrollRef}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rowAt(item.index);
                return (
                  <div
                    key={item.key}
                    role="row"
                    className={row && selected?.id === row.id ? 'vtable-row selected' : 'vtable-row'}
                    style={{
                      gridTemplateColumns: gridTemplate,
                      transform: `translateY(${item.start}px)`,
                      height: rowHeight,
                    }}
                    onClick={() => row && setSelected(row)}
                  >
                    {customerColumns.map((c) => (
                      <div key={c.id} role="cell">
                        {row ? c.value(row) : c.id === 'name' ? '…' : ''}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
            {total === 0 && <p className="muted empty">No customers match “{query.search}”.</p>}
          </div>
        </div>
        {selected && <CustomerCard customer={selected} onClose={() => setSelected(undefined)} />}
      </div>
    </section>
  );
}
