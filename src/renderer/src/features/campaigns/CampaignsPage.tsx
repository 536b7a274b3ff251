import { useCallback, useEffect, useRef, useState } from 'react';
import type { CampaignListItem, CampaignTemplate } from '../../../../shared/contract/campaigns';
import { useNavigation } from '../../app/navigation-store';
import { client } from '../../client';
import { ErrorAlert } from '../../ui/form-fields';
import { CampaignEditor } from './CampaignEditor';
import { CampaignRowActions } from './CampaignRowActions';
import { objectiveLabels } from './campaign-form';
import { WaitingReason } from './WaitingReason';
import './campaigns.css';

/** Campaigns: the list, or one campaign's editor when the address names it. */
export function CampaignsPage({ detail }: { detail?: string }) {
  if (detail) return <CampaignEditor key={detail} detail={detail} />;
  return <CampaignList />;
}

function CampaignList() {
  const { navigate } = useNavigation();
  const [campaigns, setCampaigns] = useState<CampaignListItem[]>();
  const [templates, setTemplates] = useState<CampaignTemplate[]>([]);
  const [error, setError] = useState<string>();
  const [showArchived, setShowArchived] = useState(false);
  /** Why a running campaign places no calls (provider unreachable, calling hours…), by campaign id. */
  const [waiting, setWaiting] = useState<ReadonlyMap<number, string>>(new Map());
  const setWaitingOf = useCallback((campaignId: number, message: string | null | undefined) => {
    setWaiting((current) => {
      if ((current.get(campaignId) ?? null) === (message ?? null)) return current;
      const next = new Map(current);
      if (message) next.set(campaignId, message);
      else next.delete(campaignId);
      return next;
    });
  }, []);

  // Asked once per running campaign; after that its progress events keep the reason current.
  const askedWaiting = useRef(new Set<number>());

  const load = useCallback(() => {
    client.invoke('campaigns.list', { includeArchived: showArchived }).then(
      (list) => {
        setCampaigns(list);
        for (const c of list) {
          if (c.status !== 'running' || askedWaiting.current.has(c.id)) continue;
          askedWaiting.current.add(c.id);
          void client.invoke('campaigns.progress', { id: c.id }).then(
            (p) => setWaitingOf(c.id, p.waitingMessage),
            () => {},
          );
        }
      },
      (e: Error) => setError(e.message),
    );
  }, [setWaitingOf, showArchived]);

  useEffect(() => {
    load();
    void client.invoke('campaigns.templates', {}).then(setTemplates);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.subscribe((batch) => {
      for (const e of batch)
        if (e.name === 'campaign.progress') setWaitingOf(e.payload.campaignId, e.payload.waitingMessage);
      if (!batch.some((e) => e.name.startsWith('campaign'))) return;
      timer ??= setTimeout(() => {
        timer = undefined;
        load();
      }, 500);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [load, setWaitingOf]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Campaigns</h1>
        <button type="button" className="primary" onClick={() => navigate('campaigns', 'new')}>
          New campaign
        </button>
      </header>
      <div className="template-row" aria-label="Start from a template">
        {templates.map((t) => (
          <button
            key={t.id}
            type="button"
            className="template-card"
            onClick={() => navigate('campaigns', `new-${t.id}`)}
          >
            <strong>{t.name}</strong>
            <span className="muted">{t.description}</span>
          </button>
        ))}
      </div>
      <ErrorAlert message={error} />
      <label className="checkbox">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />{' '}
        Show archived campaigns
      </label>
      <table className="data-table" aria-label="Campaign list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Objective</th>
            <th>Status</th>
            <th>Customers called</th>
            <th>Live calls</th>
            <th>Attempts done</th>
            <th>Updated</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {campaigns?.map((c) => (
            <tr key={c.id} className="clickable" onClick={() => navigate('campaigns', String(c.id))}>
              <td>
                <a
                  href={`#/campaigns/${c.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate('campaigns', String(c.id));
                  }}
                >
                  {c.name}
                </a>
              </td>
              <td>{objectiveLabels[c.objective] ?? c.objective}</td>
              <td>
                <span className={`status status-${c.status}`}>{c.status}</span>
                {c.archived && <span className="muted"> archived</span>}
                {c.status === 'running' && waiting.has(c.id) && (
                  <WaitingReason message={waiting.get(c.id) ?? ''} />
                )}
                {c.status === 'paused' && c.statusReason && (
                  <WaitingReason message={c.statusReason} reason="paused_by_engine" />
                )}
              </td>
              <td>{c.customersCalled.toLocaleString()}</td>
              <td>{c.liveCalls}</td>
              <td>
                {c.finishedAttempts.toLocaleString()} / {c.attempts.toLocaleString()}
              </td>
              <td>{new Date(c.updatedAt).toLocaleString()}</td>
              <td>
                <CampaignRowActions
                  campaign={c}
                  onDone={(next) => {
                    setError(undefined);
                    if (next) navigate('campaigns', String(next));
                    else load();
                  }}
                  onError={setError}
                />
              </td>
            </tr>
          ))}
          {campaigns?.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No campaigns yet — start from a template above.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
