import type { Settings } from '@shared/contract/settings';
import { errorMessage, type ValidationIssue } from '@shared/errors';
import { useEffect, useState } from 'react';
import { RpcError } from '../../client';
import { useContractMutation } from '../../data/contract-mutation';
import { useContractQuery } from '../../data/contract-query';
import { ClockWindowFields } from '../../ui/ClockWindowFields';
import { FieldError, issueAt, NumberField, TextField } from '../../ui/form-fields';
import { Loaded } from '../../ui/load-state';
import '../campaigns/campaigns.css';
import { BackupSettings } from './BackupSettings';
import { DncList } from './DncList';
import { ProvidersSettings } from './ProvidersSettings';

/** Defaults every campaign starts from, and the do-not-call list. */
export function SettingsPage() {
  const saved = useContractQuery('settings.get', {});
  return (
    <Loaded query={saved} what="The settings" loading={<section className="page muted">Loading…</section>}>
      {(initial) => <SettingsForm initial={initial} />}
    </Loaded>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string>();
  // Said beside the fields, so no notice.
  const update = useContractMutation('settings.update', { notice: false, invalidates: ['settings.get'] });

  useEffect(() => {
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);

  const errorAt = (path: string) => issueAt(issues, path);
  const save = async () => {
    try {
      setSettings(await update.mutateAsync(settings));
      setIssues([]);
      setMessage('Saved');
    } catch (err) {
      setIssues(err instanceof RpcError ? (err.issues ?? []) : []);
      const text = errorMessage(err);
      setMessage(err instanceof RpcError && err.issues?.length ? `Not saved. ${text}` : text);
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>Settings</h1>
        <button type="button" className="primary" onClick={save}>
          Save
        </button>
      </header>
      {message && (
        <p role="status" className={issues.length ? 'error' : 'muted'}>
          {message}
        </p>
      )}
      <div className="editor-grid">
        <section className="card">
          <h2>Company</h2>
          <TextField
            label="Company name (said in every first message)"
            name="Company name"
            value={settings.companyName}
            error={errorAt('companyName')}
            onChange={(companyName) => setSettings({ ...settings, companyName })}
          />
          <TextField
            label="AI agent name"
            name="Agent name"
            value={settings.agentName}
            error={errorAt('agentName')}
            onChange={(agentName) => setSettings({ ...settings, agentName })}
          />
          <TextField
            label="Default country for numbers without a code"
            name="Default region"
            value={settings.defaultRegion}
            maxLength={2}
            error={errorAt('defaultRegion')}
            onChange={(defaultRegion) => setSettings({ ...settings, defaultRegion })}
          />
        </section>
        <section className="card">
          <h2>Calling rules</h2>
          <ClockWindowFields
            value={settings.callingHours}
            onChange={(callingHours) => setSettings({ ...settings, callingHours })}
            labels={['Calls from (customer’s local time)', 'Until']}
            names={['Calling hours from', 'Calling hours until']}
          />
          <FieldError message={errorAt('callingHours')} />
          <NumberField
            label="Call a customer at most once every (days, across campaigns)"
            min={0}
            value={settings.frequencyCapDays}
            error={errorAt('frequencyCapDays')}
            onChange={(frequencyCapDays) => setSettings({ ...settings, frequencyCapDays })}
          />
          <NumberField
            label="Wait for an agent before offering a callback (seconds)"
            min={10}
            value={settings.escalationWaitSeconds}
            error={errorAt('escalationWaitSeconds')}
            onChange={(escalationWaitSeconds) => setSettings({ ...settings, escalationWaitSeconds })}
          />
          <p className="muted">
            When a customer asks for a person, the AI keeps them company this long while an agent can take the
            call, then offers a callback.
          </p>
        </section>
        <section className="card">
          <h2>Appearance</h2>
          <label className="field">
            <span>Theme</span>
            <select
              aria-label="Theme"
              value={settings.theme}
              onChange={(e) => setSettings({ ...settings, theme: e.target.value as Settings['theme'] })}
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </section>
        <ProvidersSettings settings={settings} onSettingsChange={setSettings} />
        <DncList />
        <BackupSettings />
      </div>
    </section>
  );
}
