import type { ProviderConnectionReport } from '@shared/contract/providers';
import { AgentSetupChecklist } from './AgentSetupChecklist';

/** What Test connection found: each service in a line, then the agent setup checklist item by item. */
export function ConnectionReport({
  report,
  canSetUp,
  settingUp,
  onSetUp,
}: {
  report: ProviderConnectionReport;
  canSetUp: boolean;
  settingUp: boolean;
  onSetUp: () => void;
}) {
  return (
    <>
      <ul className="connection-report" aria-label="Connection test">
        {(['twilio', 'elevenlabs'] as const).map((service) => (
          <li
            key={service}
            className={report[service].ok ? 'ok' : 'failed'}
            data-testid={`connection-${service}`}
          >
            <strong>
              {service === 'twilio' ? 'Twilio' : 'ElevenLabs'}: {report[service].ok ? 'connected' : 'failed'}
            </strong>{' '}
            — {report[service].message}
          </li>
        ))}
      </ul>
      <AgentSetupChecklist
        checks={report.agentSetup}
        canSetUp={canSetUp}
        settingUp={settingUp}
        onSetUp={onSetUp}
      />
    </>
  );
}
