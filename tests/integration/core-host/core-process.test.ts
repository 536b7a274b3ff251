import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { silentLogger } from '@core/logging/logger';
import type { EventBatch } from '@shared/contract';
import type { CoreToMain, MainToCore } from '@shared/hosts/core-process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCoreProcess } from '../../../src/core-host/core-process';
import type { ParentPortLike, PortMessageEvent } from '../../../src/core-host/ports';
import { createPortBridge, type PagePort } from '../../../src/preload/port-bridge';
import { asPortMain } from '../../unit/main/shell-fakes';

/**
 * The desktop core's entry driven the way the main process drives it: a parent port for start, pages'
 * ports, the main process's own calls and credentials; a Node MessageChannel per page.
 */
function fakeParent() {
  const fromCore: CoreToMain[] = [];
  let deliver: (event: PortMessageEvent) => void = () => {};
  const waiters: { match(m: CoreToMain): boolean; resolve(m: CoreToMain): void }[] = [];
  const parent: ParentPortLike = {
    postMessage(message) {
      const m = structuredClone(message) as CoreToMain;
      fromCore.push(m);
      for (const w of waiters.filter((w) => w.match(m))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    },
    on: (_event, listener) => {
      deliver = listener;
    },
  };
  return {
    parent,
    fromCore,
    send: (message: MainToCore, ports: PortMessageEvent['ports'] = []) =>
      deliver({ data: structuredClone(message), ports }),
    next: <T extends CoreToMain['type']>(type: T) =>
      new Promise<Extract<CoreToMain, { type: T }>>((resolve) => {
        const earlier = fromCore.find((m) => m.type === type);
        if (earlier) return resolve(earlier as Extract<CoreToMain, { type: T }>);
        waiters.push({ match: (m) => m.type === type, resolve: resolve as (m: CoreToMain) => void });
      }),
  };
}

describe('the core process entry', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('opens the database, asks the main process for credentials, serves a page’s port and closes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-core-'));
    const dataFile = join(dir, 'navaia.db');
    const main = fakeParent();
    let closed = 0;
    runCoreProcess(main.parent, { logger: () => silentLogger, onClosed: () => closed++ });
    main.send({
      type: 'start',
      options: { dataFile, logFile: join(dir, 'navaia.log'), version: 'test' },
    });
    // Provider credentials are loaded at start: from the main process (safeStorage), over the parent port.
    const askedFor = await main.next('secrets');
    expect(askedFor).toMatchObject({ op: 'get' });
    main.send({ type: 'secrets-reply', id: askedFor.id, reply: { ok: true, value: undefined } });
    const ready = await main.next('ready');
    // A first start in a folder never used before: a new database with demo customers.
    expect(ready.dataFileNote).toEqual({
      message: `Created a new database at ${dataFile}.`,
      alarming: false,
    });
    expect(existsSync(dataFile)).toBe(true);

    const { port1, port2 } = new MessageChannel();
    main.send({ type: 'connect', clientId: 'window-1' }, [asPortMain(port1)]);
    const page = createPortBridge();
    page.attachPort(port2 as unknown as PagePort);
    const heard: EventBatch[] = [];
    page.bridge.subscribe((batch) => heard.push(batch));

    const counts = await page.bridge.invoke('system.tableCounts', {});
    expect(counts).toMatchObject({ ok: true, result: { customers: 10_000 } });
    expect(await page.bridge.invoke('system.info', {})).toMatchObject({
      ok: true,
      result: { host: 'electron' },
    });
    expect(await page.bridge.invoke('customers.list', { limit: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const created = await page.bridge.invoke('campaigns.create', {
      name: 'Through the port',
      objective: 'neighborhood_interest',
      criteria: { combinator: 'and', rules: [] },
      script: {
        firstMessage: 'Hello {{customer.first_name}}, this is {{company_name}}. Say stop to opt out.',
      },
      schedule: { daysOfWeek: [1, 2, 3, 4, 5], dailyWindow: { start: '09:00', end: '17:00' } },
    });
    expect(created).toMatchObject({ ok: true, result: { name: 'Through the port', status: 'draft' } });
    const id = (created as { result: { id: number } }).result.id;
    // Events reach the page over its port, as over the WebSocket.
    await vi.waitFor(() =>
      expect(heard.flat()).toContainEqual({
        name: 'campaign.changed',
        payload: { campaignId: id, status: 'draft' },
      }),
    );

    // The main process's own calls (the tray) and its backups go over the parent port.
    main.send({ type: 'call', id: 7, method: 'campaigns.list', input: {}, clientId: 'tray' });
    const reply = await main.next('reply');
    expect(reply).toMatchObject({ id: 7, response: { ok: true } });
    expect((reply.response as { result: { name: string }[] }).result.map((c) => c.name)).toEqual([
      'Through the port',
    ]);
    const exportFile = join(dir, 'copy.db');
    main.send({ type: 'backup', id: 8, operation: { op: 'exportTo', file: exportFile } });
    expect(await main.next('backup-reply')).toMatchObject({
      id: 8,
      reply: { ok: true, result: { file: exportFile } },
    });
    expect(existsSync(exportFile)).toBe(true);
    // Only what the shell acts on travels to the main process.
    const toMain = main.fromCore
      .filter((m) => m.type === 'events')
      .flatMap((m) => m.batch.map((e) => e.name));
    expect(toMain.filter((name) => name !== 'campaign.progress' && name !== 'call.escalated')).toEqual([]);

    main.send({ type: 'close' });
    await main.next('closed');
    expect(closed).toBe(1);
    port1.close();
    port2.close();
  });

  it('says why when the database cannot be opened, and serves nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-core-'));
    const dataFile = join(dir, 'navaia.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(dataFile, 'this is not a database, it is a text file with enough bytes to have a header');
    const main = fakeParent();
    runCoreProcess(main.parent, { logger: () => silentLogger });
    main.send({ type: 'start', options: { dataFile, logFile: join(dir, 'navaia.log'), version: 'test' } });
    const failed = await main.next('failed');
    expect(failed.message).toContain('is not a database');
    expect(main.fromCore.some((m) => m.type === 'ready')).toBe(false);
  });

  it('passes a credentials error from the main process on as the store’s error', async () => {
    const { createRemoteSecretStore } = await import('../../../src/core-host/remote-secret-store');
    const store = createRemoteSecretStore(async () => ({ ok: false, message: 'No keyring is running' }));
    await expect(store.get()).rejects.toMatchObject({
      name: 'SecretStoreError',
      message: 'No keyring is running',
    });
  });
});
