import { useEffect, useMemo, useState } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { client } from '../../client';
import { StopCampaignDialog, type StopRequest } from '../campaigns/StopCampaignDialog';
import { WaitingReason } from '../campaigns/WaitingReason';
import { CallPanel } from './CallPanel';
import { CallTable } from './CallTable';
import { LiveEventsNotice } from './LiveEventsNotice';
import { connectMonitor, useMonitor } from './monitor-store';
import './monitor.css';

/** Every live call of every running campaign, with the campaigns' controls and pace. */
export function MonitorPage({ detail }: { detail?: string }) {
  const { navigate } = useNavigation();
  const calls = useMonitor((s) => s.calls);
  const progress = useMonitor((s) => s.progress);
  const [campaignFilter, setCampaignFilter] = useState<number>();
  const [escalatedOnly, setEscalatedOnly] = useState(false);
  const [campaigns, setCampaigns] = useState<
    { id: number; name: string; status: string; provider: string }[]
  >([]);
  const [stopping, setStopping] = useState<StopRequest>();
  const selected = detail ? Number(detail) : undefined;

  useEffect(() => {
    connectMonitor();
    const load = () =>
      client
        .invoke('campaigns.list', {})
        .then((list) => setCampaigns(list.filter((c) => c.status === 'running' || c.status === 'paused')));
    void load();
    const unsubscribe = client.subscribe((batch) => {
      if (batch.some((e) => e.name === 'campaign.changed')) void load();
    });
    return unsubscribe;
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

  const control = (method: 'campaigns.pause' | 'campaigns.resume', id: number) =>
    client.invoke(method, { id });

  return (
    <section className="page monitor-page">
      <header className="page-header">
        <h1>Monitor</h1>
        <span className="muted" data-testid="live-count">
          {calls.size} live {calls.size === 1 ? 'call' : 'calls'}
        </span>
        <select
          aria-label="Filter by campaign"
          value={campaignFilter ?? ''}
          onChange={(e) => setCampaignFilter(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">All campaigns</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
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
      {stopping && <StopCampaignDialog request={stopping} onClose={() => setStopping(undefined)} />}
      <div className="campaign-strip">
        {campaigns.map((c) => {
          const p = progress.get(c.id);
          return (
            <div key={c.id} className="campaign-pace" aria-label={`Campaign ${c.name}`}>
              <strong>{c.name}</strong> <span className={`status status-${c.status}`}>{c.status}</span>
              {p && (
                <span className="muted">
                  {' '}
                  {p.callsPerMinute}/min · {p.live} live · {p.queued} queued · {p.done} done
                </span>
              )}
              {p?.waitingMessage && <WaitingReason message={p.waitingMessage} reason={p.waitingReason} />}
              {p?.notices?.map((notice) => (
                <span key={notice} className="muted">
                  {' '}
                  {notice}
                </span>
              ))}
              {c.status === 'running' ? (
                <button type="button" onClick={() => control('campaigns.pause', c.id)}>
                  Pause
                </button>
              ) : (
                <button type="button" onClick={() => control('campaigns.resume', c.id)}>
                  Resume
                </button>
              )}
              <button
                type="button"
                className="danger"
                onClick={() => setStopping({ id: c.id, name: c.name, liveCalls: p?.live })}
              >
                Stop
              </button>
            </div>
          );
        })}
        {campaigns.length === 0 && <span className="muted">No campaign is running.</span>}
      </div>
      <div className="monitor-layout">
        <CallTable calls={rows} selected={selected} onSelect={(id) => navigate('monitor', String(id))} />
        {selected !== undefined && (
          <CallPanel key={selected} attemptId={selected} onClose={() => navigate('monitor')} />
        )}
      </div>
    </section>
  );
}
