import {
  type CustomerImportField,
  type CustomerImportMapping,
  type CustomerImportPreview,
  customerImportFieldLabels,
  customerImportFields,
} from '../../../../../shared/contract/customers';
import { DataTable } from '../../../ui/DataTable';

interface Props {
  preview: CustomerImportPreview;
  mapping: CustomerImportMapping;
  onMappingChange: (mapping: CustomerImportMapping) => void;
  region: string;
  onRegionChange: (region: string) => void;
}

/** Which column holds which field, guessed from the header and adjustable, beside the file's first rows. */
export function MappingStep({ preview, mapping, onMappingChange, region, onRegionChange }: Props) {
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
