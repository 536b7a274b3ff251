import { errorMessage } from '@shared/errors';
import { useState } from 'react';
import { useContractMutation } from '../../data/contract-mutation';
import { useContractQuery } from '../../data/contract-query';
import { DataTable } from '../../ui/DataTable';
import { LoadFailed } from '../../ui/load-state';
import { useDebounced } from '../../ui/use-debounced';
import { DncImportButton } from './DncImportButton';

/** The numbers never to call: search, add, remove, and import a file of them. */
export function DncList() {
  const [phone, setPhone] = useState('');
  const [search, setSearch] = useState('');
  const asked = useDebounced(search, 200);
  const listQuery = useContractQuery('dnc.list', { ...(asked ? { search: asked } : {}), limit: 200 });
  const list = listQuery.data;
  // Said in place, above the list.
  const add = useContractMutation('dnc.add', { notice: false, invalidates: ['dnc.list'] });
  const remove = useContractMutation('dnc.remove', { notice: false, invalidates: ['dnc.list'] });
  const failed = add.error ?? remove.error;
  const error = failed ? errorMessage(failed) : undefined;

  return (
    <section className="card wide" aria-label="Do-not-call list">
      <h2>
        Do-not-call list {list && <span className="muted">({list.total.toLocaleString()} numbers)</span>}
      </h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          remove.reset();
          add.mutate({ phone }, { onSuccess: () => setPhone('') });
        }}
      >
        <input
          aria-label="Number to block"
          placeholder="+1 305 555 0142"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <button type="submit" disabled={!phone.trim()}>
          Add number
        </button>
        <input
          type="search"
          aria-label="Search do-not-call list"
          placeholder="Search…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      <DncImportButton />
      {listQuery.isError && (
        <LoadFailed
          what="The do-not-call list"
          error={listQuery.error}
          onRetry={() => void listQuery.refetch()}
        />
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <DataTable label="Do-not-call numbers" columns={['Number', 'Why', 'Added', '']}>
        {list?.rows.map((r) => (
          <tr key={r.phone}>
            <td>{r.phone}</td>
            <td>{r.source === 'call_request' ? 'Asked on a call' : (r.reason ?? r.source)}</td>
            <td>{new Date(r.addedAt).toLocaleString()}</td>
            <td>
              <button
                type="button"
                onClick={() => {
                  add.reset();
                  remove.mutate({ phone: r.phone });
                }}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
