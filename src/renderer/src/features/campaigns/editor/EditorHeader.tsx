import type { Campaign } from '@shared/contract/campaigns';
import { useNavigation } from '../../../app/navigation-store';

/** The campaign's name and status, and what can be done with it now. */
export function EditorHeader({
  campaign,
  editable,
  rehearsing,
  onRehearse,
  onSave,
  onLifecycle,
  onStop,
}: {
  campaign?: Campaign;
  editable: boolean;
  rehearsing: boolean;
  onRehearse: () => void;
  onSave: () => void;
  onLifecycle: (method: 'campaigns.start' | 'campaigns.pause' | 'campaigns.resume') => void;
  onStop: () => void;
}) {
  const { navigate } = useNavigation();
  const status = campaign?.status;
  return (
    <header className="page-header">
      <button type="button" onClick={() => navigate('campaigns')}>
        ← Campaigns
      </button>
      <h1>{campaign ? campaign.name : 'New campaign'}</h1>
      {campaign && <span className={`status status-${campaign.status}`}>{campaign.status}</span>}
      <button type="button" onClick={onRehearse} disabled={rehearsing}>
        {rehearsing ? 'Rehearsing…' : 'Rehearse'}
      </button>
      {editable && (
        <button type="button" className="primary" onClick={onSave}>
          Save
        </button>
      )}
      {(status === 'draft' || status === 'scheduled') && (
        <button type="button" className="primary" onClick={() => onLifecycle('campaigns.start')}>
          Start
        </button>
      )}
      {status === 'running' && (
        <button type="button" onClick={() => onLifecycle('campaigns.pause')}>
          Pause
        </button>
      )}
      {status === 'paused' && (
        <button type="button" className="primary" onClick={() => onLifecycle('campaigns.resume')}>
          Resume
        </button>
      )}
      {(status === 'running' || status === 'paused') && (
        <button type="button" className="danger" onClick={onStop}>
          Stop
        </button>
      )}
    </header>
  );
}
