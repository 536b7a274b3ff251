import type { CampaignListItem } from '@shared/contract/campaigns';
import { useState } from 'react';
import { usePauseCampaign, useResumeCampaign } from '../campaigns/mutations';
import { StopCampaignDialog, type StopRequest } from '../campaigns/StopCampaignDialog';
import { WaitingReason } from '../campaigns/WaitingReason';
import { useMonitor } from './monitor-store';

/** The running and paused campaigns: each one's pace, why it waits, and pause/resume/stop. */
export function CampaignStrip({ campaigns }: { campaigns: readonly CampaignListItem[] }) {
  const progress = useMonitor((s) => s.progress);
  const pause = usePauseCampaign();
  const resume = useResumeCampaign();
  const [stopping, setStopping] = useState<StopRequest>();
  return (
    <>
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
                <button type="button" onClick={() => pause.mutate({ id: c.id })}>
                  Pause
                </button>
              ) : (
                <button type="button" onClick={() => resume.mutate({ id: c.id })}>
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
    </>
  );
}
