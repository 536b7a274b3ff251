import { useCallback, useEffect, useState } from 'react';
import type { CampaignListItem, CampaignTemplate } from '../../../../shared/contract/campaigns';
import { useNavigation } from '../../app/navigation-store';
import { client } from '../../client';
import { CampaignEditor } from './CampaignEditor';
import './campaigns.css';

const objectiveLabels: Record<string, string> = {
  neighborhood_interest: 'Neighborhood interest',
  booking_reminder: 'Booking reminder',
  renewal: 'Renewal',
  upsell: 'Upsell',
  custom: 'Custom',
};

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

  const load = useCallback(() => {
    client.invoke('campaigns.list', {}).then(setCampaigns, (e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    load();
    void client.invoke('campaigns.templates', {}).then(setTemplates);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.subscribe((batch) => {
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
  }, [load]);

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
      {error && <p className="error">{error}</p>}
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
              </td>
              <td>{c.customersCalled.toLocaleString()}</td>
              <td>{c.liveCalls}</td>
              <td>
                {c.finishedAttempts.toLocaleString()} / {c.attempts.toLocaleString()}
              </td>
              <td>{new Date(c.updatedAt).toLocaleString()}</td>
            </tr>
          ))}
          {campaigns?.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No campaigns yet — start from a template above.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
