import { dirname, join } from 'node:path';

/** Backups live in `backups/` beside the database file, so they move with it. */
export function backupsFolder(dataFile: string): string {
  return join(dirname(dataFile), 'backups');
}

/** A sortable, file-name-safe UTC stamp: 20260314T091500123Z. */
export function fileStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:.]/g, '');
}

/** Where an import waits for the next start, when no connection holds the database open. */
export const pendingImportFile = (dataFile: string) => `${dataFile}.import-pending`;
