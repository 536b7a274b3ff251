import type { CustomerImportPreview } from '@shared/contract/customers';
import { AppError } from '@shared/errors';
import Papa from 'papaparse';
import { guessMapping } from './column-mapping';

const previewRowCount = 5;

/** The header and first rows of the start of a file, with the mapping guessed from the header. */
export function previewCustomerCsv(sampleText: string): CustomerImportPreview {
  const parsed = Papa.parse<string[]>(sampleText.replace(/^\uFEFF/, ''), {
    preview: previewRowCount + 1,
    skipEmptyLines: 'greedy',
  });
  const [header, ...rows] = parsed.data;
  if (!header || header.every((h) => h.trim() === ''))
    throw new AppError('invalid_input', 'The file is empty: it has no header row');
  const headers = header.map((h) => h.trim());
  return { headers, guessedMapping: guessMapping(headers), previewRows: rows };
}
