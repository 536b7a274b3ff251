/**
 * One row an import refused, or (as a warning) a row it imported with a field left out: `row` counts
 * lines of the file, the header being row 1. Shared by the customer and the do-not-call imports, so
 * neither contract file needs the other.
 */
export interface CustomerImportReject {
  row: number;
  /** The file's column(s) at fault, or "(row)" when the row as a whole is malformed. */
  column: string;
  reason: string;
  /** What the file says there (the cells at fault, joined by " · "). */
  value?: string;
}
