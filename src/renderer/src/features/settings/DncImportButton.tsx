import { errorMessage } from '@shared/errors';
import { useRef } from 'react';
import { useContractMutation } from '../../data/contract-mutation';

/** "Import CSV" for the do-not-call list: a file of numbers (a phone/number column, or the first column). */
export function DncImportButton() {
  const input = useRef<HTMLInputElement>(null);
  // The counts and the failure are said beside the button.
  const dncImport = useContractMutation('dnc.import', { notice: false, invalidates: ['dnc.list'] });
  const result = dncImport.data;
  const error = dncImport.error ? errorMessage(dncImport.error) : undefined;
  const busy = dncImport.isPending;

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    // The previous file's counts would read as this file's.
    dncImport.reset();
    try {
      await dncImport.mutateAsync({ csvText: await file.text() });
    } catch {
      // Shown beside the button (dncImport.error).
    } finally {
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
