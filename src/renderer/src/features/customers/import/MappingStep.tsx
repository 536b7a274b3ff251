import {
  type ConsentYesLevel,
  type CustomerImportField,
  type CustomerImportMapping,
  type CustomerImportPreview,
  customerImportFieldLabels,
  customerImportFields,
} from '@shared/contract/customers';
import { DataTable } from '../../../ui/DataTable';

interface Props {
  preview: CustomerImportPreview;
  mapping: CustomerImportMapping;
  onMappingChange: (mapping: CustomerImportMapping) => void;
  region: string;
  onRegionChange: (region: string) => void;
  consentYes: ConsentYesLevel;
  onConsentYesChange: (level: ConsentYesLevel) => void;
}

/** Which column holds which field, guessed from the header and adjustable, beside the file's first rows. */
export function MappingStep({
  preview,
  mapping,
  onMappingChange,
  region,
  onRegionChange,
  consentYes,
  onConsentYesChange,
}: Props) {
  const setColumn = (field: CustomerImportField, column: string) => {
    const next = { ...mapping };
    if (column) next[field] = column;
    else delete next[field];
    onMappingChange(next);
  };
  return (
    <div className="import-mapping">
      <div className="import-fields">
        {customerImportFields.map((field) => (
          <label key={field} className="field">
            <span>
              {customerImportFieldLabels[field]}
              {field === 'phone' || field === 'firstName' ? ' *' : ''}
            </span>
            <select
              aria-label={`Column for ${customerImportFieldLabels[field]}`}
              value={mapping[field] ?? ''}
              onChange={(e) => setColumn(field, e.target.value)}
            >
              <option value="">— not in the file —</option>
              {preview.headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field">
          <span>Numbers without a country code are in</span>
          <input
            aria-label="Default region"
            value={region}
            maxLength={2}
            onChange={(e) => onRegionChange(e.target.value.toUpperCase())}
          />
        </label>
      </div>
      {mapping.consent && (
        <ConsentChoice column={mapping.consent} value={consentYes} onChange={onConsentYesChange} />
      )}
      <div className="import-preview">
        <DataTable className="import-table" label="First rows of the file" columns={preview.headers}>
          {preview.previewRows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their place
            <tr key={i}>
              {preview.headers.map((h, j) => (
                <td key={h}>{row[j] ?? ''}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      </div>
    </div>
  );
}

/**
 * What a "yes" in the file's consent column records. Verbal is chosen unless the supervisor says the
 * column records written consent: claiming written consent nobody gave would let marketing calls through.
 */
function ConsentChoice({
  column,
  value,
  onChange,
}: {
  column: string;
  value: ConsentYesLevel;
  onChange: (level: ConsentYesLevel) => void;
}) {
  return (
    <fieldset className="consent-choice">
      <legend>
        A “yes” in <strong>{column}</strong> means
      </legend>
      <label>
        <input
          type="radio"
          name="consent-yes"
          checked={value === 'verbal'}
          onChange={() => onChange('verbal')}
        />{' '}
        Verbal consent — reminders and renewals may call them; marketing may not (the safe choice)
      </label>
      <label>
        <input
          type="radio"
          name="consent-yes"
          checked={value === 'written'}
          onChange={() => onChange('written')}
        />{' '}
        Written consent — marketing calls too (new listings, upsell)
      </label>
      <small className="muted">
        Marketing calls need written consent: choose it only if this column records a signed form or an online
        opt-in. “No”, “opted out” and blank cells are read as no consent; such customers are never called.
      </small>
    </fieldset>
  );
}
