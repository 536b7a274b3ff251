import { join } from 'node:path';
import { count } from 'drizzle-orm';
import type { HandlersOf } from '../../shared/contract/define';
import type { systemMethods, TableCounts } from '../../shared/contract/system';
import type { AppContext } from '../app-context';
import { backupsFolder } from '../backup/backup-files';
import { backupService } from '../backup/backup-service';
import * as schema from '../db/schema';

const appVersion = '0.1.0';

export function tableCounts({ db }: Pick<AppContext, 'db'>): TableCounts {
  return {
    customers: db.select({ n: count() }).from(schema.customers).get()?.n ?? 0,
    campaigns: db.select({ n: count() }).from(schema.campaigns).get()?.n ?? 0,
    callAttempts: db.select({ n: count() }).from(schema.callAttempts).get()?.n ?? 0,
    dncNumbers: db.select({ n: count() }).from(schema.dncNumbers).get()?.n ?? 0,
    bookings: db.select({ n: count() }).from(schema.bookings).get()?.n ?? 0,
    contracts: db.select({ n: count() }).from(schema.contracts).get()?.n ?? 0,
    properties: db.select({ n: count() }).from(schema.properties).get()?.n ?? 0,
  };
}

export function systemHandlers(context: AppContext): HandlersOf<typeof systemMethods> {
  const backups = backupService(context);
  return {
    'system.info': () => ({
      version: appVersion,
      host: context.host,
      now: context.clock.now(),
      dataFile: context.dataFile,
      versions: {
        node: process.versions.node,
        sqlite: String(context.db.$client.prepare('select sqlite_version() as v').pluck().get()),
        ...(process.versions.electron ? { electron: process.versions.electron } : {}),
      },
    }),
    'system.tableCounts': () => tableCounts(context),
    'database.export': () => backups.exportTo(),
    'database.backups': () => backups.list(),
    'database.import': ({ name }) => backups.importFrom(join(backupsFolder(context.dataFile), name)),
  };
}
