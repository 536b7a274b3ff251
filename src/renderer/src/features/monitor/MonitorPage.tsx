import { useEffect, useMemo, useState } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { LoadFailed } from '../../ui/load-state';
import { CampaignSelect } from '../campaigns/CampaignSelect';
import { useActiveCampaigns } from '../campaigns/queries';
import { CallPanel } from './CallPanel';
import { CallTable } from './CallTable';
import { CampaignStrip } from './CampaignStrip';
import { LiveEventsNotice } from './LiveEventsNotice';
import { connectMonitor, useMonitor } from './monitor-store';
import './monitor.css';

/** Every live call of every running campaign, with the campaigns' controls and pace. */
export function MonitorPage({ detail }: { detail?: string }) {
  const { navigate } = useNavigation();
  const calls = useMonitor((s) => s.calls);
  const [campaignFilter, setCampaignFilter] = useState<number>();
  const [escalatedOnly, setEscalatedOnly] = useState(false);
  const activeCampaigns = useActiveCampaigns();
  const campaigns = activeCampaigns.data ?? [];
  const selected = detail ? Number(detail) : undefined;

  useEffect(() => {
    connectMonitor();
  }, []);

  const rows = useMemo(
    () =>
      [...calls.values()]
        .filter(
          (c) =>
            (campaignFilter ? c.campaignId === campaignFilter : true) &&
            (escalatedOnly ? c.state === 'escalated' : true),
        )
        .sort(
          (a, b) =>
            Number(b.state === 'escalated') - Number(a.state === 'escalated') ||
            (a.dialedAt ?? 0) - (b.dialedAt ?? 0),
        ),
    [calls, campaignFilter, escalatedOnly],
  );

  return (
    <section className="page monitor-page">
      <header className="page-header">
        <h1>Monitor</h1>
        <span className="muted" data-testid="live-count">
          {calls.size} live {calls.size === 1 ? 'call' : 'calls'}
        </span>
        <CampaignSelect
          label="Filter by campaign"
          campaigns={campaigns}
          value={campaignFilter}
          onChange={setCampaignFilter}
        />
        <label>
          <input
            type="checkbox"
            checked={escalatedOnly}
            onChange={(e) => setEscalatedOnly(e.target.checked)}
          />{' '}
          Escalated only
        </label>
      </header>
      <LiveEventsNotice realCalls={campaigns.some((c) => c.provider !== 'simulator')} />
      {activeCampaigns.isError ? (
        <LoadFailed
          what="The running campaigns"
          error={activeCampaigns.error}
          onRetry={() => void activeCampaigns.refetch()}
        />
      ) : (
        <CampaignStrip campaigns={campaigns} />
      )}
      <div className="monitor-layout">
        <CallTable calls={rows} selected={selected} onSelect={(id) => navigate('monitor', String(id))} />
        {selected !== undefined && (
          <CallPanel key={selected} attemptId={selected} onClose={() => navigate('monitor')} />
        )}
      </div>
    </section>
  );
}
