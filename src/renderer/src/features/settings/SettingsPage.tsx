import { useEffect, useState } from 'react';
import type { DncEntry, Settings } from '../../../../shared/contract/settings';
import type { ValidationIssue } from '../../../../shared/errors';
import { client, RpcError } from '../../client';
import { DataTable } from '../../ui/DataTable';
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
  const issueFor = (path: string) => issues.find((i) => i.path.startsWith(path))?.message;
  const save = async () => {
    try {
      setSettings(await client.invoke('settings.update', settings));
      setIssues([]);
      setMessage('Saved');
    } catch (err) {
      setIssues(err instanceof RpcError ? (err.issues ?? []) : []);
      setMessage(err instanceof Error ? err.message : String(err));
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
          <label className="field">
            <span>Company name (said in every first message)</span>
            <input
              aria-label="Company name"
              value={settings.companyName}
              onChange={(e) => setSettings({ ...settings, companyName: e.target.value })}
            />
          </label>
          <label className="field">
            <span>AI agent name</span>
            <input
              aria-label="Agent name"
              value={settings.agentName}
              onChange={(e) => setSettings({ ...settings, agentName: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Default country for numbers without a code</span>
            <input
              aria-label="Default region"
              maxLength={2}
              value={settings.defaultRegion}
              onChange={(e) => setSettings({ ...settings, defaultRegion: e.target.value })}
            />
          </label>
        </section>
        <section className="card">
          <h2>Calling rules</h2>
          <div className="row">
            <label className="field">
              <span>Calls from (customer’s local time)</span>
              <input
                aria-label="Calling hours from"
                type="time"
                value={settings.callingHours.start}
                onChange={(e) =>
                  setSettings({
                    ...settings,
                    callingHours: { ...settings.callingHours, start: e.target.value },
                  })
                }
              />
            </label>
            <label className="field">
              <span>Until</span>
              <input
                aria-label="Calling hours until"
                type="time"
                value={settings.callingHours.end}
                onChange={(e) =>
                  setSettings({
                    ...settings,
                    callingHours: { ...settings.callingHours, end: e.target.value },
                  })
                }
              />
            </label>
          </div>
          {issueFor('callingHours') && <small className="error">{issueFor('callingHours')}</small>}
          <label className="field">
            <span>Call a customer at most once every (days, across campaigns)</span>
            <input
              aria-label="Frequency cap days"
              type="number"
              min={0}
              value={settings.frequencyCapDays}
              onChange={(e) => setSettings({ ...settings, frequencyCapDays: Number(e.target.value) })}
            />
          </label>
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
      setError(err instanceof Error ? err.message : String(err));
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
