import { EventEmitter } from 'node:events';
import type { CoreToMain, MainToCore } from '@shared/hosts/core-process';
import { describe, expect, it } from 'vitest';
import { type CoreProcessDependencies, startCoreProcess } from '../../../src/main/core-process-client';
import { createPortBridge, type PagePort } from '../../../src/preload/port-bridge';

/** A page port whose other end is the test: it sees the calls and answers them. */
class FakePagePort implements PagePort {
  sent: unknown[] = [];
  closed = false;
  private listener?: (event: { data: unknown }) => void;
  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void) {
    this.listener = listener;
  }
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  start() {}
  close() {
    this.closed = true;
  }
  fromCore(data: unknown) {
    this.listener?.({ data });
  }
}

describe('the preload’s port to the core', () => {
  it('holds calls until a port arrives, then matches each answer to its call by id', async () => {
    const { bridge, attachPort } = createPortBridge();
    const first = bridge.invoke('system.info', {});
    const second = bridge.invoke('system.tableCounts', {});
    const port = new FakePagePort();
    attachPort(port);
    await new Promise((r) => setTimeout(r, 0));
    expect(port.sent).toEqual([
      { id: 1, method: 'system.info', input: {} },
      { id: 2, method: 'system.tableCounts', input: {} },
    ]);
    port.fromCore({ type: 'response', id: 2, response: { ok: true, result: 'counts' } });
    port.fromCore({ type: 'response', id: 1, response: { ok: true, result: 'info' } });
    expect(await first).toEqual({ ok: true, result: 'info' });
    expect(await second).toEqual({ ok: true, result: 'counts' });
  });

  it('fails pending calls when the core stops, says so, and carries on over the next port', async () => {
    const ports = createPortBridge();
    const problems: (string | undefined)[] = [];
    ports.bridge.onProblem((message) => problems.push(message));
    const heard: unknown[] = [];
    ports.bridge.subscribe((batch) => heard.push(...batch));
    const before = new FakePagePort();
    ports.attachPort(before);
    const pending = ports.bridge.invoke('campaigns.list', {});
    await new Promise((r) => setTimeout(r, 0));
    ports.coreStatus({ state: 'restarting', message: 'The Navaia core stopped unexpectedly' });
    await expect(pending).rejects.toThrow('The Navaia core stopped unexpectedly');
    expect(before.closed).toBe(true);
    const later = ports.bridge.invoke('campaigns.list', {});
    const after = new FakePagePort();
    ports.attachPort(after);
    ports.coreStatus({ state: 'restarted', message: 'The Navaia core was restarted' });
    await new Promise((r) => setTimeout(r, 0));
    after.fromCore({ type: 'response', id: 2, response: { ok: true, result: [] } });
    expect(await later).toEqual({ ok: true, result: [] });
    after.fromCore({
      type: 'events',
      batch: [{ name: 'campaign.changed', payload: { campaignId: 1, status: 'x' } }],
    });
    expect(heard).toHaveLength(1);
    ports.coreStatus({ state: 'running' });
    expect(problems).toEqual([
      'The Navaia core stopped unexpectedly',
      'The Navaia core was restarted',
      undefined,
    ]);
  });
});

describe('the core process seen from the main process', () => {
  class FakeChild extends EventEmitter {
    received: MainToCore[] = [];
    postMessage(message: MainToCore) {
      this.received.push(message);
    }
    kill() {
      return true;
    }
  }

  const start = (overrides: Partial<CoreProcessDependencies> = {}) => {
    const children: FakeChild[] = [];
    const crashes: { exitCode: number; restarting: boolean }[] = [];
    const core = startCoreProcess({
      fork: () => {
        const child = new FakeChild();
        children.push(child);
        return child;
      },
      startOptions: { dataFile: '/data/navaia.db', logFile: '/data/navaia.log', version: '1' },
      secrets: { kind: 'os', get: async () => undefined, set: async () => {}, delete: async () => {} },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      onReady: () => {},
      onFailed: () => {},
      onCrash: (crash) => crashes.push(crash),
      ...overrides,
    });
    return { core, children, crashes };
  };

  it('fails a call in flight when the core crashes, and stops restarting a core that keeps crashing', async () => {
    let now = 0;
    const { core, children, crashes } = start({ maxCrashes: 2, crashWindowMs: 60_000, now: () => now });
    const inFlight = core.dispatch('campaigns.list', {}, { clientId: 'tray' });
    children[0].emit('exit', 1);
    await expect(inFlight).rejects.toThrow('stopped unexpectedly');
    now += 1000;
    children[1].emit('exit', 1);
    now += 1000;
    children[2].emit('exit', 1);
    expect(crashes.map((c) => c.restarting)).toEqual([true, true, false]);
    expect(children).toHaveLength(3);
  });

  it('passes a backup error written for users on as such', async () => {
    const { core, children } = start();
    const exported = core.exportTo('/elsewhere/copy.db');
    const asked = children[0].received.at(-1) as Extract<MainToCore, { type: 'backup' }>;
    expect(asked.operation).toEqual({ op: 'exportTo', file: '/elsewhere/copy.db' });
    children[0].emit('message', {
      type: 'backup-reply',
      id: asked.id,
      reply: { ok: false, message: 'The disk is full', code: 'unavailable' },
    } satisfies CoreToMain);
    await expect(exported).rejects.toMatchObject({ name: 'AppError', message: 'The disk is full' });
  });
});
