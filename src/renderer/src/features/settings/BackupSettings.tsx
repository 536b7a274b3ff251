import { errorMessage } from '@shared/errors';
import { useState } from 'react';
import { useContractMutation } from '../../data/contract-mutation';
import { useContractQuery } from '../../data/contract-query';
import { DataTable } from '../../ui/DataTable';
import { LoadFailed } from '../../ui/load-state';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Copies of the database in the data folder's backups/: export one now, or restore one at the next start.
 * (The desktop app's File menu does the same with file dialogs.)
 */
export function BackupSettings() {
  // An unreadable backups folder is said, not shown as "No backups yet".
  const backupsQuery = useContractQuery('database.backups', {});
  const backups = backupsQuery.data ?? [];
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  // What each action did, or why it failed, is said in the card.
  const exportNow = useContractMutation('database.export', {
    notice: false,
    invalidates: ['database.backups'],
  });
  const restore = useContractMutation('database.import', {
    notice: false,
    invalidates: ['database.backups'],
  });
  const failed = (err: unknown) => setMessage({ text: errorMessage(err), error: true });

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await action(), error: false });
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
              const exported = await exportNow.mutateAsync({});
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
      {backupsQuery.isError && (
        <LoadFailed
          what="The backups"
          error={backupsQuery.error}
          onRetry={() => void backupsQuery.refetch()}
        />
      )}
      {backupsQuery.isError ? null : backups.length === 0 ? (
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
                    void act(async () => (await restore.mutateAsync({ name: backup.name })).message);
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
