import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatabaseBackup, ImportScheduled } from '../../shared/contract/system';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../app-context';
import { backupsFolder, fileStamp } from './backup-files';
import { exportDatabase } from './export-database';
import { stageImport } from './import-database';

function describeBackup(file: string): DatabaseBackup {
  const stat = statSync(file);
  return { name: basename(file), file, bytes: stat.size, createdAt: stat.mtimeMs };
}

function requireFileDatabase(dataFile: string): void {
  if (dataFile === ':memory:') {
    throw new AppError('unavailable', 'This database lives in memory only; there is nothing to back up');
  }
}

const importScheduledMessage =
  'The backup was checked and will replace the current database when Navaia restarts; the current database is kept in the backups folder.';

/** Export, list and import, as the contract and the desktop menu use them. */
export function backupService(context: Pick<AppContext, 'db' | 'dataFile' | 'clock' | 'logger'>) {
  const { db, dataFile, clock, logger } = context;
  return {
    /** Exports to `target`, or to a new file in `backups/` when none is given. */
    async exportTo(target?: string): Promise<DatabaseBackup> {
      requireFileDatabase(dataFile);
      const file = target ?? join(backupsFolder(dataFile), `navaia-export-${fileStamp(clock.now())}.db`);
      const exported = await exportDatabase(db.$client, file);
      logger.info({ file: exported.file, bytes: exported.bytes }, 'database exported');
      return describeBackup(exported.file);
    },

    list(): DatabaseBackup[] {
      const folder = backupsFolder(dataFile);
      if (dataFile === ':memory:' || !existsSync(folder)) return [];
      return readdirSync(folder)
        .filter((name) => name.endsWith('.db'))
        .map((name) => describeBackup(join(folder, name)))
        .sort((a, b) => b.createdAt - a.createdAt);
    },

    /** Checks `source` and stages it; the swap happens at the next start (see import-database.ts). */
    importFrom(source: string): ImportScheduled {
      requireFileDatabase(dataFile);
      const { pendingFile } = stageImport(db.$client, source, dataFile);
      logger.info({ source, pendingFile }, 'database import staged for the next start');
      return { restartRequired: true, message: importScheduledMessage };
    },
  };
}
