import type { AgentSetupCheck } from '@shared/contract/providers';

const itemNames: Record<AgentSetupCheck['item'], string> = {
  overrides: 'Override permissions',
  audio: 'μ-law 8000 Hz audio',
  public_url: 'Public URL',
  tools: 'Navaia’s tools',
  post_call_webhook: 'Post-call webhook',
  voicemail_tool: 'Voicemail tool',
};

/** README's agent setup checklist as the last test found it, with the button that sets the agent up. */
export function AgentSetupChecklist({
  checks,
  canSetUp,
  settingUp,
  onSetUp,
}: {
  checks: AgentSetupCheck[];
  canSetUp: boolean;
  settingUp: boolean;
  onSetUp: () => void;
}) {
  if (checks.length === 0) return null;
  return (
    <div className="agent-setup">
      <h3>Agent setup</h3>
      <ul className="connection-report" aria-label="Agent setup">
        {checks.map((check) => (
          <li key={check.item} className={check.ok ? 'ok' : 'failed'} data-testid={`setup-${check.item}`}>
            <strong>
              {itemNames[check.item]}: {check.ok ? 'ready' : 'to do'}
            </strong>{' '}
            — {check.message}
          </li>
        ))}
      </ul>
      {checks.some((c) => !c.ok) && (
        <button type="button" onClick={onSetUp} disabled={!canSetUp || settingUp}>
          {settingUp ? 'Setting up…' : 'Set up the agent'}
        </button>
      )}
      {!canSetUp && checks.some((c) => !c.ok) && (
        <small className="muted"> Save the credentials first: the agent is set up with them.</small>
      )}
    </div>
  );
}
