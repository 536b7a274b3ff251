import Papa from 'papaparse';

/** Saves rows as a CSV file through the browser's download mechanism (works in Electron too). */
export function downloadCsv(fileName: string, rows: Record<string, unknown>[]): void {
  const csv = Papa.unparse(rows);
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
