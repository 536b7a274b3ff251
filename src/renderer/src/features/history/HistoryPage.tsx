import { attemptStates } from '@shared/calls/attempt-states';
import { dispositionLabel } from '@shared/campaigns/dispositions';
import { dispositions } from '@shared/contract/campaigns';
import { useState } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { DataTable } from '../../ui/DataTable';
import { LoadFailed } from '../../ui/load-state';
import { useDebounced } from '../../ui/use-debounced';
import { CampaignSelect } from '../campaigns/CampaignSelect';
import { downloadCsv } from '../export/download-csv';
import { CallPanel } from '../monitor/CallPanel';
import '../monitor/monitor.css';
import { useAllCampaigns, useCallHistory } from './queries';

const pageSize = 100;

/** Past calls with filters; one opens with its whole transcript, outcome, costs and timeline. */
export function HistoryPage({ detail }: { detail?: string }) {
  const { navigate } = useNavigation();
  const [filter, setFilter] = useState<{
    campaignId?: number;
    state?: string;
    disposition?: string;
    search?: string;
  }>({});
  const [page, setPage] = useState(0);
  const campaigns = useAllCampaigns();
  // Typing in the search asks once per pause, not per keystroke.
  const asked = JSON.parse(useDebounced(JSON.stringify({ ...filter, page }), 200)) as typeof filter & {
    page: number;
  };
  const history = useCallHistory({
    ...(asked.campaignId ? { campaignId: asked.campaignId } : {}),
    ...(asked.state ? { state: asked.state as (typeof attemptStates)[number] } : {}),
    ...(asked.disposition ? { disposition: asked.disposition as (typeof dispositions)[number] } : {}),
    ...(asked.search ? { search: asked.search } : {}),
    offset: asked.page * pageSize,
    limit: pageSize,
  });
  const result = history.data;

  const set = (patch: typeof filter) => {
    setPage(0);
    setFilter({ ...filter, ...patch });
  };

  const exportRows = () =>
    downloadCsv(
      'navaia-calls.csv',
      (result?.rows ?? []).map((c) => ({
        attempt: c.attemptId,
        customer: c.customerName,
        phone: c.toNumber,
        campaign: c.campaignName,
        attempt_number: c.attemptNumber,
        state: c.state,
        disposition: c.disposition ?? '',
        dialled: c.dialedAt ? new Date(c.dialedAt).toISOString() : '',
        duration_s: c.durationSeconds ?? '',
        cost: c.cost.toFixed(4),
        agent: c.heldBy ?? '',
      })),
    );

  return (
    <section className="page monitor-page">
      <header className="page-header">
        <h1>Call history</h1>
        <span className="muted" data-testid="history-total">
          {result ? `${result.total.toLocaleString()} calls` : history.isError ? '' : 'Loading…'}
        </span>
        <input
          type="search"
          aria-label="Search calls"
          placeholder="Customer or number…"
          onChange={(e) => set({ search: e.target.value || undefined })}
        />
        <CampaignSelect
          campaigns={campaigns.data}
          value={filter.campaignId}
          onChange={(campaignId) => set({ campaignId })}
        />
        <select aria-label="Outcome" onChange={(e) => set({ state: e.target.value || undefined })}>
          <option value="">Any outcome</option>
          {attemptStates.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
        <select aria-label="Disposition" onChange={(e) => set({ disposition: e.target.value || undefined })}>
          <option value="">Any disposition</option>
          {dispositions.map((d) => (
            <option key={d} value={d}>
              {dispositionLabel(d)}
            </option>
          ))}
        </select>
        <button type="button" onClick={exportRows}>
          Export CSV
        </button>
      </header>
      {history.isError && (
        <LoadFailed what="The call history" error={history.error} onRetry={() => void history.refetch()} />
      )}
      <div className="monitor-layout">
        <div className="history-table">
          <DataTable
            label="Calls"
            columns={['When', 'Customer', 'Campaign', 'Outcome', 'Disposition', 'Duration', 'Cost']}
          >
            {result?.rows.map((c) => (
              <tr
                key={c.attemptId}
                className="clickable"
                onClick={() => navigate('history', String(c.attemptId))}
              >
                <td>{c.dialedAt ? new Date(c.dialedAt).toLocaleString() : '—'}</td>
                <td>{c.customerName}</td>
                <td>{c.campaignName}</td>
                <td>{c.state.replace('_', ' ')}</td>
                <td>{c.disposition ? dispositionLabel(c.disposition, c.campaignObjective) : ''}</td>
                <td>{c.durationSeconds === null ? '—' : `${Math.round(c.durationSeconds)} s`}</td>
                <td>${c.cost.toFixed(3)}</td>
              </tr>
            ))}
          </DataTable>
          {result && result.total > pageSize && (
            <div className="pager">
              <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                ← Newer
              </button>
              <span className="muted">
                {page * pageSize + 1}–{Math.min((page + 1) * pageSize, result.total)} of{' '}
                {result.total.toLocaleString()}
              </span>
              <button
                type="button"
                disabled={(page + 1) * pageSize >= result.total}
                onClick={() => setPage(page + 1)}
              >
                Older →
              </button>
            </div>
          )}
        </div>
        {detail && <CallPanel key={detail} attemptId={Number(detail)} onClose={() => navigate('history')} />}
      </div>
    </section>
  );
}
