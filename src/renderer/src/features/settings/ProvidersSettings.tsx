import type { ProviderConnectionReport, ProviderStatus } from '@shared/contract/providers';
import type { Settings } from '@shared/contract/settings';
import type { ValidationIssue } from '@shared/errors';
import { errorMessage } from '@shared/errors';
import { useState } from 'react';
import { RpcError } from '../../client';
import { useContractMutation } from '../../data/contract-mutation';
import { useContractQuery } from '../../data/contract-query';
import { issueAt } from '../../ui/form-fields';
import { LoadFailed } from '../../ui/load-state';
import { ConnectionReport } from './ConnectionReport';
import { formFromStatus, inputFromForm, type ProvidersForm, secretPlaceholder } from './providers-form';
import { WebhookFields } from './WebhookFields';
import './providers-settings.css';

/**
 * Settings → Providers: the ElevenLabs + Twilio credentials (kept in core's secret store; secrets are
 * typed here but never shown back) and the call-recording disclosure real calls must carry. The
 * recording fields edit the page's settings, saved by its Save button.
 */
export function ProvidersSettings({
  settings,
  onSettingsChange,
}: {
  settings: Settings;
  onSettingsChange: (next: Settings) => void;
}) {
  return (
    <>
      <section className="card" aria-label="Call recording">
        <h2>Call recording (real calls)</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            aria-label="Record calls"
            checked={settings.recordCalls}
            onChange={(e) => onSettingsChange({ ...settings, recordCalls: e.target.checked })}
          />
          <span>Real calls are recorded</span>
        </label>
        <label className="field">
          <span>Disclosure every first message must include while recording is on</span>
          <input
            aria-label="Recording disclosure"
            value={settings.recordingDisclosure}
            disabled={!settings.recordCalls}
            onChange={(e) => onSettingsChange({ ...settings, recordingDisclosure: e.target.value })}
          />
        </label>
      </section>
      <ProviderCredentials />
    </>
  );
}

/** The form's free-text fields (not the mode switches or the checkbox). */
type TextField = {
  [K in keyof ProvidersForm]: string extends ProvidersForm[K] ? K : never;
}[keyof ProvidersForm];

function ProviderCredentials() {
  const statusQuery = useContractQuery('providers.status', {});
  if (statusQuery.data === undefined) {
    return (
      <section className="card wide" aria-label="Providers">
        <h2>Providers</h2>
        {statusQuery.isError ? (
          <LoadFailed
            what="The provider settings"
            error={statusQuery.error}
            onRetry={() => void statusQuery.refetch()}
          />
        ) : (
          <p className="muted">Loading providers…</p>
        )}
      </section>
    );
  }
  return <ProviderForm initial={statusQuery.data} />;
}

/** The credentials form, begun from the stored status; each action says in the card what it did. */
function ProviderForm({ initial }: { initial: ProviderStatus }) {
  const [status, setStatus] = useState(initial);
  const [form, setForm] = useState<ProvidersForm>(() => formFromStatus(initial));
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [report, setReport] = useState<ProviderConnectionReport | 'testing'>();
  const [settingUp, setSettingUp] = useState(false);
  const changes = { notice: false, invalidates: ['providers.status'] } as const;
  const saveCredentials = useContractMutation('providers.save', changes);
  const testConnection = useContractMutation('providers.testConnection', { notice: false });
  const setUpTheAgent = useContractMutation('providers.setUpAgent', changes);
  const clearCredentials = useContractMutation('providers.clear', changes);

  const show = (next: ProviderStatus) => {
    setStatus(next);
    setForm(formFromStatus(next));
  };
  const set = (patch: Partial<ProvidersForm>) => setForm({ ...form, ...patch });
  const issueFor = (path: string) => issueAt(issues, path);
  const failed = (err: unknown) => {
    setIssues(err instanceof RpcError ? (err.issues ?? []) : []);
    setMessage({ text: errorMessage(err), error: true });
  };

  const save = async () => {
    try {
      show(await saveCredentials.mutateAsync(inputFromForm(form)));
      setIssues([]);
      setMessage({
        text: 'Saved. Campaigns can now place real calls through ElevenLabs + Twilio.',
        error: false,
      });
    } catch (err) {
      failed(err);
    }
  };
  const test = async () => {
    setReport('testing');
    setMessage(undefined);
    try {
      // With nothing typed and credentials stored, the stored ones are tested.
      const credentials = status.configured && !form.accountSid ? undefined : inputFromForm(form);
      setReport(await testConnection.mutateAsync(credentials ? { credentials } : {}));
      setIssues([]);
    } catch (err) {
      setReport(undefined);
      failed(err);
    }
  };
  const setUpAgent = async () => {
    if (report === undefined || report === 'testing') return;
    setSettingUp(true);
    try {
      const { agentSetup } = await setUpTheAgent.mutateAsync({});
      setReport({ ...report, agentSetup });
      setMessage({
        text: 'The agent is set up for Navaia’s calls; what is left is listed below.',
        error: false,
      });
    } catch (err) {
      failed(err);
    } finally {
      setSettingUp(false);
    }
  };
  const clear = async () => {
    if (!window.confirm('Remove the stored ElevenLabs and Twilio credentials?')) return;
    try {
      show(await clearCredentials.mutateAsync({}));
      setReport(undefined);
      setMessage({ text: 'Credentials removed.', error: false });
    } catch (err) {
      failed(err);
    }
  };

  const field = (
    label: string,
    path: string,
    key: TextField,
    options: { secret?: boolean; isSet?: boolean; placeholder?: string } = {},
  ) => (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label={label}
        type={options.secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={form[key]}
        placeholder={
          options.secret ? secretPlaceholder(options.isSet, label.toLowerCase()) : options.placeholder
        }
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      {issueFor(path) && <small className="error">{issueFor(path)}</small>}
    </label>
  );

  return (
    <section className="card wide providers" aria-label="Providers">
      <h2>
        Providers{' '}
        <span className={`provider-state ${status.configured ? 'on' : 'off'}`} data-testid="provider-state">
          {status.configured ? 'ElevenLabs + Twilio configured' : 'Real calls not configured'}
        </span>
      </h2>
      {status.storage.warning && (
        <p className="warning" role="note">
          {status.storage.warning}
        </p>
      )}
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      <div className="provider-columns">
        <fieldset>
          <legend>Twilio</legend>
          {field('Account SID', 'twilio.accountSid', 'accountSid', { placeholder: 'AC…' })}
          <div className="auth-mode" role="radiogroup" aria-label="Twilio credentials">
            <label>
              <input
                type="radio"
                aria-label="Use the auth token"
                checked={form.authMode === 'auth-token'}
                onChange={() => set({ authMode: 'auth-token' })}
              />{' '}
              Auth token
            </label>
            <label>
              <input
                type="radio"
                aria-label="Use an API key"
                checked={form.authMode === 'api-key'}
                onChange={() => set({ authMode: 'api-key' })}
              />{' '}
              API key (needed for the softphone)
            </label>
          </div>
          {form.authMode === 'auth-token' ? (
            field('Auth token', 'twilio.authToken', 'authToken', {
              secret: true,
              isSet: status.twilio?.authTokenSet,
            })
          ) : (
            <>
              {field('API key SID', 'twilio.apiKeySid', 'apiKeySid', { placeholder: 'SK…' })}
              {field('API key secret', 'twilio.apiKeySecret', 'apiKeySecret', {
                secret: true,
                isSet: status.twilio?.apiKeySecretSet,
              })}
              {field('Auth token for Twilio’s callbacks (optional)', 'twilio.authToken', 'authToken', {
                secret: true,
                isSet: status.twilio?.authTokenSet,
              })}
            </>
          )}
          <label className="field">
            <span>Caller numbers (E.164, one per line)</span>
            <textarea
              aria-label="Caller numbers"
              rows={2}
              value={form.callerNumbers}
              placeholder="+13055550142"
              onChange={(e) => set({ callerNumbers: e.target.value })}
            />
            {issueFor('twilio.callerNumbers') && (
              <small className="error">{issueFor('twilio.callerNumbers')}</small>
            )}
          </label>
          {field('TwiML app SID (optional)', 'twilio.twimlAppSid', 'twimlAppSid', { placeholder: 'AP…' })}
        </fieldset>
        <fieldset>
          <legend>ElevenLabs</legend>
          {field('ElevenLabs API key', 'elevenlabs.apiKey', 'elevenLabsApiKey', {
            secret: true,
            isSet: status.elevenlabs?.apiKeySet,
          })}
          {field('Agent ID', 'elevenlabs.agentId', 'agentId')}
          {field('Phone number ID', 'elevenlabs.phoneNumberId', 'phoneNumberId')}
          {field('Webhook secret (optional)', 'elevenlabs.webhookSecret', 'webhookSecret', {
            secret: true,
            isSet: status.elevenlabs?.webhookSecretSet,
          })}
          {status.elevenlabs?.webhookSecretSet && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.removeWebhookSecret}
                onChange={(e) => set({ removeWebhookSecret: e.target.checked })}
              />
              <span>Remove the stored webhook secret</span>
            </label>
          )}
          <label className="field">
            <span>How calls are placed</span>
            <select
              aria-label="Dial mode"
              value={form.dialMode}
              onChange={(e) => set({ dialMode: e.target.value as ProvidersForm['dialMode'] })}
            >
              <option value="own-twilio">
                Navaia places the Twilio call (takeover, answering-machine detection)
              </option>
              <option value="native">ElevenLabs places the call (no takeover)</option>
            </select>
          </label>
        </fieldset>
      </div>
      <WebhookFields form={form} status={status} onChange={set} issueFor={issueFor} />
      <div className="row">
        <button type="button" className="primary" onClick={save}>
          Save credentials
        </button>
        <button type="button" onClick={test} disabled={report === 'testing'}>
          {report === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        {status.twilio && (
          <button type="button" className="danger subtle" onClick={clear}>
            Remove credentials
          </button>
        )}
      </div>
      {message && (
        <p role="status" className={message.error ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
      {report && report !== 'testing' && (
        <ConnectionReport
          report={report}
          canSetUp={status.configured}
          settingUp={settingUp}
          onSetUp={setUpAgent}
        />
      )}
    </section>
  );
}
