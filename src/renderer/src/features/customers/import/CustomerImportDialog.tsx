import type {
  ConsentYesLevel,
  CustomerImportMapping,
  CustomerImportPreview,
  CustomerImportProgress,
  CustomerImportReject,
  CustomerImportResult,
} from '@shared/contract/customers';
import { errorMessage } from '@shared/errors';
import { useEffect, useRef, useState } from 'react';
import { client } from '../../../client';
import { useContractMutation } from '../../../data/contract-mutation';
import { useContractQuery } from '../../../data/contract-query';
import { DataTable } from '../../../ui/DataTable';
import { saveCsvText } from '../../export/download-csv';
import { DemoCustomersOffer } from './DemoCustomersOffer';
import { MappingStep } from './MappingStep';
import { fetchRejectsCsv, inspectFile, readFileStart, uploadCustomerCsv } from './upload-customer-csv';
import './import.css';

type Step =
  | { kind: 'pick' }
  | { kind: 'map'; file: File; preview: CustomerImportPreview }
  | {
      kind: 'importing';
      file: File;
      preview: CustomerImportPreview;
      importId: string;
      sentBytes: number;
      progress?: CustomerImportProgress;
    }
  | { kind: 'done'; file: File; result: CustomerImportResult };

/** Pick a CSV → check the column mapping → import with progress → counts and the reasons rows were refused. */
export function CustomerImportDialog({ onClose }: { onClose: (imported: boolean) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [mapping, setMapping] = useState<CustomerImportMapping>({});
  const [region, setRegion] = useState('US');
  const [consentYes, setConsentYes] = useState<ConsentYesLevel>('verbal');
  const [error, setError] = useState<string>();
  /** What reading the file found (its encoding, rows with line breaks) and the import's own warnings. */
  const [notices, setNotices] = useState<string[]>([]);
  const cancelled = useRef(false);
  const dialog = useRef<HTMLDialogElement>(null);

  // The dialog says what failed in place, so none of its steps raise a notice.
  const preview = useContractMutation('customers.import.preview', { notice: false });
  const begin = useContractMutation('customers.import.begin', { notice: false });
  const stop = useContractMutation('customers.import.cancel', { notice: false });
  const defaultRegion = useContractQuery('settings.get', {}, { select: (s) => s.defaultRegion }).data;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (defaultRegion) setRegion(defaultRegion);
  }, [defaultRegion]);

  // Progress events are batched by the host; the latest one for this import wins.
  const importId = step.kind === 'importing' ? step.importId : undefined;
  useEffect(() => {
    if (!importId) return;
    return client.subscribe((batch) => {
      for (const event of batch) {
        if (event.name === 'customer.importProgress' && event.payload.importId === importId) {
          const progress = event.payload;
          setStep((s) => (s.kind === 'importing' ? { ...s, progress } : s));
        }
      }
    });
  }, [importId]);

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    try {
      const read = await preview.mutateAsync({ sampleText: await readFileStart(file) });
      setMapping(read.guessedMapping);
      setNotices((await inspectFile(file)).notices);
      setStep({ kind: 'map', file, preview: read });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const startImport = async (file: File, preview: CustomerImportPreview) => {
    setError(undefined);
    cancelled.current = false;
    try {
      const { importId } = await begin.mutateAsync({
        fileName: file.name,
        mapping,
        consentYes,
        ...(/^[A-Z]{2}$/.test(region) ? { region } : {}),
      });
      setStep({ kind: 'importing', file, preview, importId, sentBytes: 0 });
      const result = await uploadCustomerCsv(
        file,
        importId,
        (sentBytes) => setStep((s) => (s.kind === 'importing' ? { ...s, sentBytes } : s)),
        () => cancelled.current,
      );
      if (result) setStep({ kind: 'done', file, result });
    } catch (err) {
      // Back to the mapping: a column that could not be read is fixed there (nothing was written).
      setError(errorMessage(err));
      setStep((s) => (s.kind === 'importing' ? { kind: 'map', file: s.file, preview: s.preview } : s));
    }
  };

  const cancel = async () => {
    if (step.kind === 'importing') {
      cancelled.current = true;
      // Closing must not wait on a host that cannot answer: batches already committed stay imported.
      await stop.mutateAsync({ importId: step.importId }).catch(() => undefined);
    }
    dialog.current?.close();
    onClose(step.kind === 'done' || step.kind === 'importing');
  };

  const downloadRejects = async (file: File, result: CustomerImportResult) => {
    try {
      saveCsvText(`${file.name.replace(/\.csv$/i, '')}.rejects.csv`, await fetchRejectsCsv(result.importId));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <dialog
      ref={dialog}
      className="import-dialog"
      aria-label="Import customers"
      onCancel={() => void cancel()}
    >
      <header className="import-header">
        <h2>Import customers from CSV</h2>
        <button type="button" aria-label="Close" onClick={() => void cancel()}>
          ✕
        </button>
      </header>

      {step.kind === 'pick' && (
        <label className="import-pick">
          <span>Choose a CSV file with a header row (name, phone, and any other customer columns).</span>
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label="CSV file"
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
        </label>
      )}

      {step.kind === 'map' && (
        <>
          <p className="muted">
            {step.file.name} — check which column holds what. Columns left out are not imported.
          </p>
          <MappingStep
            preview={step.preview}
            mapping={mapping}
            onMappingChange={setMapping}
            region={region}
            onRegionChange={setRegion}
            consentYes={consentYes}
            onConsentYesChange={setConsentYes}
          />
          <footer className="import-footer">
            <button type="button" onClick={() => setStep({ kind: 'pick' })}>
              Back
            </button>
            <button
              type="button"
              className="primary"
              disabled={!mapping.phone || !(mapping.firstName || mapping.fullName)}
              onClick={() => void startImport(step.file, step.preview)}
            >
              Import
            </button>
          </footer>
        </>
      )}

      {step.kind === 'importing' && (
        <div className="import-progress">
          <progress aria-label="Import progress" max={step.file.size || 1} value={step.sentBytes} />
          <p className="muted" data-testid="import-progress">
            {(step.progress?.rowsProcessed ?? 0).toLocaleString()} rows read —{' '}
            {(step.progress?.imported ?? 0).toLocaleString()} new,{' '}
            {(step.progress?.updated ?? 0).toLocaleString()} updated,{' '}
            {(step.progress?.rejected ?? 0).toLocaleString()} refused
          </p>
          <footer className="import-footer">
            <button type="button" onClick={() => void cancel()}>
              Stop
            </button>
          </footer>
        </div>
      )}

      {step.kind === 'done' && (
        <div className="import-result">
          <div className="import-counts" data-testid="import-result">
            <span>
              <strong>{step.result.imported.toLocaleString()}</strong> imported
            </span>
            <span>
              <strong>{step.result.updated.toLocaleString()}</strong> updated
            </span>
            <span className={step.result.rejected > 0 ? 'import-rejected' : undefined}>
              <strong>{step.result.rejected.toLocaleString()}</strong> rejected
            </span>
            {step.result.warned > 0 && (
              <span className="import-warnings">
                <strong>{step.result.warned.toLocaleString()}</strong> imported without a field
              </span>
            )}
          </div>
          {step.result.rejected > 0 && (
            <>
              <div className="import-preview">
                <ProblemTable label="Rejected rows" problems={step.result.rejects} />
              </div>
              {step.result.rejects.length < step.result.rejected && (
                <p className="muted">
                  The first {step.result.rejects.length} of {step.result.rejected.toLocaleString()} are shown;
                  the CSV has them all.
                </p>
              )}
            </>
          )}
          {step.result.warned > 0 && (
            <div className="import-preview">
              <p className="muted">
                These customers were imported without the field named: it could not be read. They can still be
                called.
              </p>
              <ProblemTable label="Imported without a field" problems={step.result.warnings} />
            </div>
          )}
          {step.result.rejectsFile && (
            <p className="muted">
              The refused rows are kept, readable only by you, in {step.result.rejectsFile}; Navaia deletes
              the file 15 minutes after you last use this import.
            </p>
          )}
          {step.result.imported + step.result.updated > 0 && (
            <DemoCustomersOffer count={step.result.demoCustomers} onRemoved={() => undefined} />
          )}
          <footer className="import-footer">
            {step.result.rejected > 0 && (
              <button type="button" onClick={() => void downloadRejects(step.file, step.result)}>
                Download rejects CSV
              </button>
            )}
            <button type="button" className="primary" onClick={() => void cancel()}>
              Done
            </button>
          </footer>
        </div>
      )}

      {step.kind !== 'pick' &&
        notices.map((notice) => (
          <p key={notice} className="import-notice" role="status">
            {notice}
          </p>
        ))}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </dialog>
  );
}

/** Refused rows, or rows imported without a field: where, what the file says there, and why. */
function ProblemTable({ label, problems }: { label: string; problems: CustomerImportReject[] }) {
  return (
    <DataTable className="import-table" label={label} columns={['Row', 'Column', 'Value', 'Reason']}>
      {problems.map((r) => (
        <tr key={`${r.row}:${r.column}`}>
          <td>{r.row}</td>
          <td>{r.column}</td>
          <td className="import-value">{r.value ?? ''}</td>
          <td>{r.reason}</td>
        </tr>
      ))}
    </DataTable>
  );
}
