import { useRef, useState } from 'react';
import type { DncImportResult } from '../../../../shared/contract/settings';
import { errorMessage } from '../../../../shared/errors';
import { client } from '../../client';

/** "Import CSV" for the do-not-call list: a file of numbers (a phone/number column, or the first column). */
export function DncImportButton({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<DncImportResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    // The previous file's counts would read as this file's.
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await client.invoke('dnc.import', { csvText: await file.text() }));
      onImported();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="row">
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-label="Do-not-call CSV file"
        hidden
        onChange={(e) => void importFile(e.target.files?.[0])}
      />
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>
        Import CSV
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <p className="muted" data-testid="dnc-import-result">
          {result.added} added, {result.alreadyListed} already listed, {result.rejected} rejected
          {result.rejects.slice(0, 5).map((r) => (
            <span key={r.row}>
              <br />
              Row {r.row}: {r.reason}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
