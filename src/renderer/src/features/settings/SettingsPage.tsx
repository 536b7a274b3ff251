import { useEffect, useState } from 'react';
import type { DncEntry, Settings } from '../../../../shared/contract/settings';
import type { ValidationIssue } from '../../../../shared/errors';
import { errorMessage } from '../../../../shared/errors';
import { client, RpcError } from '../../client';
import { ClockWindowFields } from '../../ui/ClockWindowFields';
import { DataTable } from '../../ui/DataTable';
import { FieldError, issueAt, NumberField, TextField } from '../../ui/form-fields';
import '../campaigns/campaigns.css';
import { BackupSettings } from './BackupSettings';
import { DncImportButton } from './DncImportButton';
import { ProvidersSettings } from './ProvidersSettings';

/** Defaults every campaign starts from, and the do-not-call list. */
export function SettingsPage() {
  const [settings, setSettings] = useState<Settings>();
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    void client.invoke('settings.get', {}).then(setSettings);
  }, []);

  useEffect(() => {
    if (!settings) return;
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  if (!settings) return <section className="page muted">Loading…</section>;
  const errorAt = (path: string) => issueAt(issues, path);
  const save = async () => {
    try {
      setSettings(await client.invoke('settings.update', settings));
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

function DncList() {
  const [list, setList] = useState<{ total: number; rows: DncEntry[] }>();
  const [phone, setPhone] = useState('');
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string>();
  const load = (text = search) =>
    client.invoke('dnc.list', { ...(text ? { search: text } : {}), limit: 200 }).then(setList);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the search changes
  useEffect(() => {
    void load(search);
  }, [search]);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(undefined);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="card wide" aria-label="Do-not-call list">
      <h2>
        Do-not-call list {list && <span className="muted">({list.total.toLocaleString()} numbers)</span>}
      </h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await client.invoke('dnc.add', { phone });
            setPhone('');
          });
        }}
      >
        <input
          aria-label="Number to block"
          placeholder="+1 305 555 0142"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <button type="submit" disabled={!phone.trim()}>
          Add number
        </button>
        <input
          type="search"
          aria-label="Search do-not-call list"
          placeholder="Search…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      <DncImportButton onImported={() => void load()} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <DataTable label="Do-not-call numbers" columns={['Number', 'Why', 'Added', '']}>
        {list?.rows.map((r) => (
          <tr key={r.phone}>
            <td>{r.phone}</td>
            <td>{r.source === 'call_request' ? 'Asked on a call' : (r.reason ?? r.source)}</td>
            <td>{new Date(r.addedAt).toLocaleString()}</td>
            <td>
              <button
                type="button"
                onClick={() => act(() => client.invoke('dnc.remove', { phone: r.phone }))}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
