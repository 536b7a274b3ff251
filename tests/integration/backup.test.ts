import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsFolder, pendingImportFile } from '../../src/core/backup/backup-files';
import { exportDatabase } from '../../src/core/backup/export-database';
import { runVirtualUntil } from '../../src/core/clock/virtual-clock';
import { openDatabase } from '../../src/core/db/open';
import {
  createEngineHarness,
  type EngineHarness,
  insertCustomers,
  manyCustomers,
} from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';

// Tuesday 24 November 2026, 15:00 UTC = 10:00 in New York.
const tuesday10amNewYork = Date.UTC(2026, 10, 24, 15, 0);

const count = (client: Database.Database, table: string) =>
  client.prepare(`select count(*) from ${table}`).pluck().get() as number;

function openCopy(file: string) {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  return {
    copy,
    integrity: copy.pragma('integrity_check', { simple: true }),
    foreignKeyProblems: copy.pragma('foreign_key_check') as unknown[],
  };
}

describe('database export while a campaign is calling', () => {
  let h: EngineHarness;
  afterEach(async () => h.cleanup());

  it('gives an intact copy holding every call committed before the export started', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    insertCustomers(h.db, manyCustomers(4000), h.clock.now());
    const id = h.createCampaign({ pacing: { maxConcurrent: 20, maxPerMinute: 120 } });
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, h.clock.now() + 10 * 60_000);
    // Read on a connection of its own: it sees what is committed, not the engine's open write batch.
    const reader = new Database(h.app.context.dataFile, { readonly: true });
    const committedBefore = reader
      .prepare('select id, idempotency_key as key from call_attempts order by id')
      .all() as { id: number; key: string }[];
    reader.close();
    expect(committedBefore.length).toBeGreaterThan(100);

    const target = join(dirname(h.app.context.dataFile), 'exports', 'copy.db');
    let done = false;
    // Tiny steps so the copy spans many event-loop turns, during which the engine keeps dialling.
    const exported = exportDatabase(h.db.$client, target, { pagesPerStep: 1 }).finally(() => {
      done = true;
    });
    let turnsWhileCopying = 0;
    const attemptsAtStart = count(h.db.$client, 'call_attempts');
    while (!done) {
      await runVirtualUntil(h.clock, h.clock.now() + 5_000);
      turnsWhileCopying++;
    }
    const result = await exported;
    const attemptsAtEnd = count(h.db.$client, 'call_attempts');
    expect(turnsWhileCopying).toBeGreaterThan(3);
    expect(attemptsAtEnd).toBeGreaterThan(attemptsAtStart); // the engine really wrote during the copy

    expect(existsSync(`${target}.partial`)).toBe(false);
    expect(result.bytes).toBeGreaterThan(0);
    const { copy, integrity, foreignKeyProblems } = openCopy(target);
    try {
      expect(integrity).toBe('ok');
      expect(foreignKeyProblems).toEqual([]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(count(copy, 'customers')).toBe(4000);
      const inCopy = new Set(copy.prepare('select idempotency_key from call_attempts').pluck().all());
      expect(committedBefore.filter((row) => !inCopy.has(row.key))).toEqual([]);
      expect(inCopy.size).toBeLessThanOrEqual(attemptsAtEnd);
      // Every attempt in the copy has its customer and its campaign: a consistent snapshot.
      expect(
        copy
          .prepare(
            'select count(*) from call_attempts a left join customers c on c.id = a.customer_id where c.id is null',
          )
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      copy.close();
    }
    expect(existsSync(`${target}-wal`)).toBe(false);
  });
});

describe('database backups over the contract', () => {
  let h: EngineHarness;
  afterEach(async () => h.cleanup());

  const setup = async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    insertCustomers(h.db, manyCustomers(50), h.clock.now());
    return invoker(h.app);
  };

  it('exports into the backups folder and lists the copy', async () => {
    const call = await setup();
    const exported = await call('database.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    expect(dirname(exported.result.file)).toBe(backupsFolder(h.app.context.dataFile));
    expect(exported.result.name).toMatch(/^navaia-export-20261124T150000000Z\.db$/);
    const listed = await call('database.backups', {});
    expect(listed).toMatchObject({ ok: true, result: [{ name: exported.result.name }] });
  });

  const placeInBackups = (name: string, content: Buffer | string) => {
    const folder = backupsFolder(h.app.context.dataFile);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, name), content);
  };

  const expectNothingChanged = (customersBefore: number) => {
    expect(count(h.db.$client, 'customers')).toBe(customersBefore);
    expect(existsSync(pendingImportFile(h.app.context.dataFile))).toBe(false);
    expect(h.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  };

  it('refuses a SQLite file that is not a Navaia database, and loses nothing', async () => {
    const call = await setup();
    const foreign = join(backupsFolder(h.app.context.dataFile), 'photos.db');
    mkdirSync(dirname(foreign), { recursive: true });
    const other = new Database(foreign);
    other.exec(
      "create table photos (id integer primary key, path text); insert into photos (path) values ('a.jpg')",
    );
    other.close();
    const reply = await call('database.import', { name: 'photos.db' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (reply.ok) return;
    expect(reply.error.message).toContain('not a Navaia one (missing the migrations table)');
    expectNothingChanged(50);
  });

  it('refuses a file that is not SQLite at all, and a damaged backup, and loses nothing', async () => {
    const call = await setup();
    placeInBackups('notes.db', 'Dear diary, '.repeat(200));
    const notes = await call('database.import', { name: 'notes.db' });
    expect(notes).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!notes.ok) expect(notes.error.message).toContain('is not a SQLite database');

    const exported = await call('database.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const bytes = readFileSync(exported.result.file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over every page after the first: the header still says SQLite, the b-trees are garbage.
    for (let offset = pageSize; offset < bytes.length; offset += 7) bytes[offset] = (offset * 31) & 0xff;
    placeInBackups('damaged.db', bytes);
    const damaged = await call('database.import', { name: 'damaged.db' });
    expect(damaged).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!damaged.ok) expect(damaged.error.message).toMatch(/damaged\.db is damaged/);
    expectNothingChanged(50);
  });

  it('accepts only a plain file name from the backups folder, never a path', async () => {
    const call = await setup();
    for (const name of ['../navaia.db', '/etc/passwd', 'backups/../../x.db', 'x.sqlite']) {
      expect(await call('database.import', { name })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('imports a backup at the next start, keeping the database it replaces', async () => {
    const call = await setup();
    const exported = await call('database.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    insertCustomers(
      h.db,
      manyCustomers(7, { phone: undefined }).map((c, i) => ({ ...c, phone: `+1646555${String(1000 + i)}` })),
      h.clock.now(),
    );
    expect(count(h.db.$client, 'customers')).toBe(57);

    const scheduled = await call('database.import', { name: exported.result.name });
    expect(scheduled).toMatchObject({ ok: true, result: { restartRequired: true } });
    // Nothing changes while the app runs.
    expect(count(h.db.$client, 'customers')).toBe(57);

    const dataFile = h.app.context.dataFile;
    await h.app.close();
    const reopened = openDatabase(dataFile, { now: () => Date.UTC(2026, 10, 25, 8, 0) });
    try {
      expect(count(reopened.$client, 'customers')).toBe(50);
      expect(existsSync(pendingImportFile(dataFile))).toBe(false);
      const kept = readdirSync(backupsFolder(dataFile)).filter((name) => name.includes('before-import'));
      expect(kept).toEqual(['navaia-before-import-20261125T080000000Z.db']);
      const { copy, integrity } = openCopy(join(backupsFolder(dataFile), kept[0]));
      expect(integrity).toBe('ok');
      expect(count(copy, 'customers')).toBe(57);
      copy.close();
    } finally {
      reopened.$client.close();
    }
  });
});

describe('backups never swap the live database under an open connection', () => {
  let h: EngineHarness;
  afterEach(async () => h.cleanup());

  it('refuses to export onto the live database reached through a linked folder', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    insertCustomers(h.db, manyCustomers(20), h.clock.now());
    const dataFile = h.app.context.dataFile;
    const linked = join(dirname(dataFile), 'linked');
    symlinkSync(dirname(dataFile), linked, 'dir');
    for (const target of [join(linked, basename(dataFile)), join(linked, `${basename(dataFile)}-wal`)]) {
      await expect(exportDatabase(h.db.$client, target)).rejects.toMatchObject({
        code: 'invalid_input',
        message: 'Choose a file other than the live database',
      });
    }
    // The live file is the one the connection writes to, still whole.
    insertCustomers(
      h.db,
      manyCustomers(1, { phone: undefined }).map((c) => ({ ...c, phone: '+16465559999' })),
      h.clock.now(),
    );
    const reader = new Database(dataFile, { readonly: true });
    expect(count(reader, 'customers')).toBe(21);
    reader.close();
  });

  it('leaves a staged import waiting while another process still has the database open', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    insertCustomers(h.db, manyCustomers(50), h.clock.now());
    const call = invoker(h.app);
    const exported = await call('database.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    insertCustomers(
      h.db,
      manyCustomers(3, { phone: undefined }).map((c, i) => ({ ...c, phone: `+1646555${String(2000 + i)}` })),
      h.clock.now(),
    );
    expect(await call('database.import', { name: exported.result.name })).toMatchObject({ ok: true });
    const dataFile = h.app.context.dataFile;

    // A CLI command started while the app runs opens the same file: it must not swap it.
    const deferred: string[] = [];
    const cli = openDatabase(dataFile, { onImportDeferred: (file) => deferred.push(file) });
    try {
      expect(deferred).toEqual([pendingImportFile(dataFile)]);
      expect(count(cli.$client, 'customers')).toBe(53);
      expect(existsSync(pendingImportFile(dataFile))).toBe(true);
    } finally {
      cli.$client.close();
    }
    expect(count(h.db.$client, 'customers')).toBe(53);

    // Once the app is closed, the next start swaps it in.
    await h.app.close();
    const reopened = openDatabase(dataFile, { onImportDeferred: (file) => deferred.push(file) });
    try {
      expect(deferred).toHaveLength(1);
      expect(count(reopened.$client, 'customers')).toBe(50);
      expect(existsSync(pendingImportFile(dataFile))).toBe(false);
    } finally {
      reopened.$client.close();
    }
  });
});
