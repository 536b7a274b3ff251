import { groupCommitOf } from '@core/db/group-commit';
import type { PlaceCallRequest } from '@core/providers/provider';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';
import { createTempDb } from '../../helpers/temp-db';

describe('the group commit', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function twoConnections() {
    const temp = createTempDb();
    const other = new Database(temp.file, { readonly: true });
    cleanup = () => {
      other.close();
      temp.cleanup();
    };
    const client = temp.db.$client;
    client.exec('create table notes (id integer primary key, text text not null unique)');
    const count = (db: Database.Database) => db.prepare('select count(*) from notes').pluck().get() as number;
    return { client, other, count };
  }

  it('lets the writer read its writes at once and everyone else once they are committed', () => {
    const { client, other, count } = twoConnections();
    const batch = groupCommitOf(client, { maxDelayMs: 60_000 });
    const insert = client.prepare('insert into notes (text) values (?)');
    batch.write(() => insert.run('a'));
    batch.write(() => insert.run('b'));
    expect(count(client)).toBe(2);
    expect(count(other)).toBe(0);
    batch.flush();
    expect(count(other)).toBe(2);
    batch.close();
  });

  it('undoes a failed write alone, and takes in a transaction someone else opens meanwhile', () => {
    const { client, other, count } = twoConnections();
    const batch = groupCommitOf(client, { maxDelayMs: 60_000 });
    const insert = client.prepare('insert into notes (text) values (?)');
    batch.write(() => insert.run('a'));
    expect(() =>
      batch.write(() => {
        insert.run('b');
        insert.run('a'); // unique: fails, and 'b' goes with it
      }),
    ).toThrow(/UNIQUE/);
    client.transaction(() => insert.run('c'))();
    batch.flush();
    expect(other.prepare('select text from notes order by text').pluck().all()).toEqual(['a', 'c']);
    expect(count(other)).toBe(2);
    batch.close();
  });

  it('commits by itself after its delay, and writes through once closed', async () => {
    const { client, other, count } = twoConnections();
    const batch = groupCommitOf(client, { maxDelayMs: 5 });
    const insert = client.prepare('insert into notes (text) values (?)');
    batch.write(() => insert.run('a'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count(other)).toBe(1);
    batch.close();
    batch.write(() => insert.run('b'));
    expect(count(other)).toBe(2);
  });
});

describe('a dial under group commit', () => {
  const createEngineHarness = engineHarnessPerTest();

  it('reaches the provider only once its attempt is on disk, as another process would read it', async () => {
    const h = await createEngineHarness(nyMorning, { transcripts: false });
    const id = h.campaignFor(60, { pacing: { maxConcurrent: 20, maxPerMinute: 600 } });
    const outside = new Database(h.db.$client.name, { readonly: true });
    const committedState = outside.prepare(
      'select state, idempotency_key as k from call_attempts where id = ?',
    );
    const seen: { state: string; key: string; requested: string }[] = [];
    const provider = h.app.engine.providerOf('simulator');
    const placeCall = provider.placeCall.bind(provider);
    provider.placeCall = (request: PlaceCallRequest) => {
      const row = committedState.get(request.attemptId) as { state: string; k: string } | undefined;
      seen.push({ state: row?.state ?? 'absent', key: row?.k ?? '', requested: request.idempotencyKey });
      return placeCall(request);
    };
    h.app.engine.startCampaign(id);
    await h.runUntilFinished(id);
    outside.close();
    expect(seen.length).toBeGreaterThanOrEqual(60);
    for (const dial of seen)
      expect(dial).toEqual({ state: 'dialing', key: dial.requested, requested: dial.requested });
  });
});

describe('a write that encloses other writes', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function notesTable() {
    const temp = createTempDb();
    const other = new Database(temp.file, { readonly: true });
    cleanup = () => {
      other.close();
      temp.cleanup();
    };
    const client = temp.db.$client;
    client.exec('create table notes (id integer primary key, text text not null unique)');
    return { client, other, insert: client.prepare('insert into notes (text) values (?)') };
  }

  it('is not committed half-way when the writes inside it reach the batch limit', () => {
    const { client, other, insert } = notesTable();
    const batch = groupCommitOf(client, { maxDelayMs: 60_000, maxWrites: 3 });
    batch.write(() => {
      for (let i = 0; i < 10; i++) batch.write(() => insert.run(`n${i}`));
    });
    // The enclosing write finished: the batch may now commit, and everything is there.
    batch.flush();
    expect(other.prepare('select count(*) from notes').pluck().get()).toBe(10);
    batch.close();
  });

  it('is all-or-nothing even when the writes inside it passed the batch limit', () => {
    const { client, other, insert } = notesTable();
    const batch = groupCommitOf(client, { maxDelayMs: 60_000, maxWrites: 3 });
    batch.write(() => insert.run('before'));
    expect(() =>
      batch.write(() => {
        for (let i = 0; i < 10; i++) batch.write(() => insert.run(`n${i}`));
        insert.run('before'); // unique: the whole enclosing write goes
      }),
    ).toThrow(/UNIQUE/);
    batch.flush();
    expect(other.prepare('select text from notes').pluck().all()).toEqual(['before']);
    batch.close();
  });
});
