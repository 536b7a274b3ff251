import { useState } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { LoadFailed } from '../../ui/load-state';
import { CampaignEditor } from './CampaignEditor';
import { CampaignRowActions } from './CampaignRowActions';
import { objectiveLabels } from './campaign-form';
import { useCampaignList, useCampaignProgress, useCampaignTemplates } from './queries';
import { WaitingReason } from './WaitingReason';
import './campaigns.css';

/** Campaigns: the list, or one campaign's editor when the address names it. */
export function CampaignsPage({ detail }: { detail?: string }) {
  if (detail) return <CampaignEditor key={detail} detail={detail} />;
  return <CampaignList />;
}

function CampaignList() {
  const { navigate } = useNavigation();
  const [showArchived, setShowArchived] = useState(false);
  const campaigns = useCampaignList({ includeArchived: showArchived });
  const templates = useCampaignTemplates();

  return (
    <section className="page">
      <header className="page-header">
        <h1>Campaigns</h1>
        <button type="button" className="primary" onClick={() => navigate('campaigns', 'new')}>
          New campaign
        </button>
      </header>
      <div className="template-row" aria-label="Start from a template">
        {templates.data?.map((t) => (
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
      {campaigns.isError && (
        <LoadFailed what="The campaigns" error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      )}
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
          {campaigns.data?.map((c) => (
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
                {c.status === 'running' && <RunningCampaignWaiting campaignId={c.id} />}
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
                <CampaignRowActions campaign={c} onCopied={(copy) => navigate('campaigns', String(copy))} />
              </td>
            </tr>
          ))}
          {campaigns.data?.length === 0 && (
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

/** Why a running campaign places no calls (provider unreachable, calling hours…): asked once, then live. */
function RunningCampaignWaiting({ campaignId }: { campaignId: number }) {
  const message = useCampaignProgress(campaignId)?.waitingMessage;
  return message ? <WaitingReason message={message} /> : null;
}
