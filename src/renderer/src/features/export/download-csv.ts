import Papa from 'papaparse';

/** Saves rows as a CSV file through the browser's download mechanism (works in Electron too). */
export function downloadCsv(fileName: string, rows: Record<string, unknown>[]): void {
  saveCsvText(fileName, `\uFEFF${Papa.unparse(rows)}`);
}

/** Saves CSV text as it is (an import's rejects arrive as CSV already, with their BOM). */
export function saveCsvText(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
