import { join } from 'node:path';
import { backupsFolder, fileStamp } from '../core/backup/backup-files';
import type { DatabaseBackup, ImportScheduled } from '../shared/contract/system';
import { AppError, errorMessage } from '../shared/errors';

/** Export and import as the core process performs them (core's backupService has the same shape). */
export interface BackupService {
  exportTo(file: string): Promise<DatabaseBackup>;
  importFrom(file: string): ImportScheduled | Promise<ImportScheduled>;
}

/** The parts of Electron's `dialog` the backup menu uses. */
export interface BackupDialogs {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    defaultPath: string;
    properties: 'openFile'[];
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showMessageBox(options: {
    type: 'info' | 'warning' | 'error';
    title: string;
    message: string;
    detail?: string;
    buttons?: string[];
    defaultId?: number;
    cancelId?: number;
  }): Promise<{ response: number }>;
}

const databaseFilter = [{ name: 'Navaia database', extensions: ['db'] }];

const errorText = (err: unknown) =>
  err instanceof AppError ? err.message : `Something went wrong: ${errorMessage(err)}. See the log.`;

/**
 * File ▸ Export Database… and Import Database…: native dialogs in the main process, then the core process
 * does the work (the export's integrity check runs there, never on the window's thread).
 * An import is checked at once and applied by a restart (see src/core/backup/import-database.ts).
 */
export function backupMenuActions(deps: {
  dialogs: BackupDialogs;
  backups: BackupService;
  dataFile: string;
  now(): number;
  relaunch(): void;
}) {
  const { dialogs, backups } = deps;
  return {
    async exportDatabase(): Promise<void> {
      const chosen = await dialogs.showSaveDialog({
        title: 'Export Database',
        defaultPath: join(backupsFolder(deps.dataFile), `navaia-${fileStamp(deps.now())}.db`),
        filters: databaseFilter,
      });
      if (chosen.canceled || !chosen.filePath) return;
      try {
        const exported = await backups.exportTo(chosen.filePath);
        await dialogs.showMessageBox({
          type: 'info',
          title: 'Export Database',
          message: 'The database was exported and verified.',
          detail: `${exported.file} (${(exported.bytes / 1_048_576).toFixed(1)} MB)`,
        });
      } catch (err) {
        await dialogs.showMessageBox({ type: 'error', title: 'Export Database', message: errorText(err) });
      }
    },

    async importDatabase(): Promise<void> {
      const chosen = await dialogs.showOpenDialog({
        title: 'Import Database',
        defaultPath: backupsFolder(deps.dataFile),
        properties: ['openFile'],
        filters: databaseFilter,
      });
      const file = chosen.filePaths[0];
      if (chosen.canceled || !file) return;
      const confirm = await dialogs.showMessageBox({
        type: 'warning',
        title: 'Import Database',
        message: 'Replace the current database with this file?',
        detail: `${file}\n\nNavaia checks the file first, keeps the current database in the backups folder, and restarts to finish.`,
        buttons: ['Import and Restart', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      });
      if (confirm.response !== 0) return;
      try {
        await backups.importFrom(file);
      } catch (err) {
        await dialogs.showMessageBox({ type: 'error', title: 'Import Database', message: errorText(err) });
        return;
      }
      deps.relaunch();
    },
  };
}
