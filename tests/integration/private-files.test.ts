import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/core/app';
import { backupsFolder } from '../../src/core/backup/backup-files';
import { exportDatabase } from '../../src/core/backup/export-database';
import { stageImport } from '../../src/core/backup/import-database';
import { openDatabase } from '../../src/core/db/open';
import { silentLogger } from '../../src/core/logging/logger';
import { invoker } from '../helpers/invoke';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('files holding customers’ data are readable by the user only', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'navaia-private-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('the database, its WAL and shared memory, exports, imports and the backups they leave (0600)', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = folder();
      const file = join(dir, 'navaia.db');
      const db = openDatabase(file);
      db.$client.prepare("insert into settings (key, value) values ('x', '{}')").run();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      const exported = join(dir, 'export.db');
      await exportDatabase(db.$client, exported);
      expect(modeOf(exported)).toBe(0o600);
      const { pendingFile } = stageImport(db.$client, exported, file);
      expect(modeOf(pendingFile)).toBe(0o600);
      db.$client.close();
      const backups: string[] = [];
      openDatabase(file, { onBackup: (b) => backups.push(b.file) }).$client.close();
      expect(backups.map(modeOf)).toEqual([0o600]);
      expect(readdirSync(backupsFolder(file)).length).toBe(1);
      expect(modeOf(file)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('a database created readable by others before is made private when opened', () => {
    const file = join(folder(), 'navaia.db');
    openDatabase(file).$client.close();
    chmodSync(file, 0o644);
    openDatabase(file).$client.close();
    expect(modeOf(file)).toBe(0o600);
  });

  it('the rows an import refused: kept beside the database, private, and the result says where', async () => {
    const dir = folder();
    const file = join(dir, 'navaia.db');
    const app = createApp({ db: openDatabase(file), logger: silentLogger, host: 'browser', dataFile: file });
    const invoke = invoker(app);
    const call = async <M extends Parameters<typeof invoke>[0]>(
      m: M,
      input: Parameters<typeof invoke<M>>[1],
    ) => {
      const reply = await invoke(m, input);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.result;
    };
    const csv = 'first_name,phone\nAnn,+13055550101\nBob,not a number\n';
    const { importId } = await call('customers.import.begin', {
      fileName: 'c.csv',
      mapping: { firstName: 'first_name', phone: 'phone' },
    });
    await call('customers.import.chunk', { importId, text: csv });
    const result = await call('customers.import.finish', { importId });
    expect(result.rejected).toBe(1);
    expect(result.rejectsFile).toBe(join(dir, 'imports', `${importId}.rejects.csv`));
    expect(modeOf(result.rejectsFile!)).toBe(0o600);
    expect(statSync(join(dir, 'imports')).mode & 0o077).toBe(0);
    await app.close();
  });
});
