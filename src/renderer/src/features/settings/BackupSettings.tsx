import { useEffect, useState } from 'react';
import type { DatabaseBackup } from '../../../../shared/contract/system';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';
import { DataTable } from '../../ui/DataTable';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Copies of the database in the data folder's backups/: export one now, or restore one at the next start.
 * (The desktop app's File menu does the same with file dialogs.)
 */
export function BackupSettings() {
  const [backups, setBackups] = useState<DatabaseBackup[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  const failed = (err: unknown) => setMessage({ text: errorMessage(err), error: true });
  const load = () => client.invoke('database.backups', {}).then(setBackups);

  useEffect(() => {
    // An unreadable backups folder is said, not shown as "No backups yet".
    client
      .invoke('database.backups', {})
      .then(setBackups, (err: unknown) => setMessage({ text: errorMessage(err), error: true }));
  }, []);

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await action(), error: false });
      await load();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card wide" aria-label="Backups">
      <h2>Backups</h2>
      <div className="row">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            act(async () => {
              const exported = await client.invoke('database.export', {});
              return `Exported and verified: ${exported.file} (${megabytes(exported.bytes)})`;
            })
          }
        >
          Export database now
        </button>
      </div>
      {message &&
        (message.error ? (
          <p role="alert" className="error">
            {message.text}
          </p>
        ) : (
          <p role="status">{message.text}</p>
        ))}
      {backups.length === 0 ? (
        <p className="muted">No backups yet.</p>
      ) : (
        <DataTable label="Backups" columns={['File', 'Size', 'Written', '']}>
          {backups.map((backup) => (
            <tr key={backup.name}>
              <td>{backup.name}</td>
              <td>{megabytes(backup.bytes)}</td>
              <td>{new Date(backup.createdAt).toLocaleString()}</td>
              <td>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    if (
                      !window.confirm(
                        `Replace the current database with ${backup.name} when Navaia restarts?`,
                      )
                    ) {
                      return;
                    }
                    void act(
                      async () => (await client.invoke('database.import', { name: backup.name })).message,
                    );
                  }}
                >
                  Restore at next start
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
