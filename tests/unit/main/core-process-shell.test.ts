import type { EventEmitter as Emitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeChannels } from '@shared/bridge';
import type { CoreToMain, MainToCore } from '@shared/hosts/core-process';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The desktop shell (src/main/index.ts) started with every Electron module replaced: it must start the
 * core with utilityProcess.fork, hand the window a MessagePort, answer credentials from safeStorage,
 * restart a crashed core with a notice, and never open the database itself.
 */
const fakes = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  class FakeChild extends EventEmitter {
    received: { message: MainToCore; transfer?: unknown[] }[] = [];
    killed = false;
    postMessage(message: MainToCore, transfer?: unknown[]) {
      this.received.push({ message: structuredClone(message), transfer });
    }
    kill() {
      this.killed = true;
      return true;
    }
    fromCore(message: CoreToMain) {
      this.emit('message', message);
    }
  }
  class FakeContents extends EventEmitter {
    id = 3;
    mainFrame = { url: 'file:///app/out/renderer/index.html' };
    posted: { channel: string; ports: unknown[] }[] = [];
    sent: { channel: string; args: unknown[] }[] = [];
    setWindowOpenHandler() {}
    isDestroyed() {
      return false;
    }
    postMessage(channel: string, _message: unknown, ports: unknown[] = []) {
      this.posted.push({ channel, ports });
    }
    send(channel: string, ...args: unknown[]) {
      this.sent.push({ channel, args });
    }
    executeJavaScript() {
      return Promise.resolve();
    }
  }
  const app = new EventEmitter() as Emitter & Record<string, unknown>;
  const userData = { dir: '' };
  Object.assign(app, {
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: () => userData.dir,
    getAppPath: () => userData.dir,
    getVersion: () => '9.9.9',
    isPackaged: false,
    quit: vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
    }),
    relaunch: vi.fn(),
  });
  const children: FakeChild[] = [];
  const windows: { webContents: FakeContents }[] = [];
  return {
    FakeChild,
    FakeContents,
    app,
    userData,
    children,
    windows,
    fork: vi.fn((_modulePath: string) => {
      const child = new FakeChild();
      children.push(child);
      return child;
    }),
    ipcListeners: new Map<string, (event: unknown) => void>(),
    showErrorBox: vi.fn(),
    channels: 0,
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => fakes.windows;
    webContents = new fakes.FakeContents();
    constructor(readonly options: object) {
      fakes.windows.push(this);
    }
    maximize() {}
    once() {}
    on() {}
    show() {}
    isMinimized = () => false;
    focus() {}
    restore() {}
    loadFile = async () => {};
    loadURL = async () => {};
  }
  return {
    app: fakes.app,
    BrowserWindow,
    dialog: { showErrorBox: fakes.showErrorBox, showMessageBox: vi.fn(async () => ({ response: 0 })) },
    ipcMain: {
      on: (channel: string, listener: (event: unknown) => void) => fakes.ipcListeners.set(channel, listener),
      removeAllListeners: () => {},
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    MessageChannelMain: class {
      port1 = { end: 'core', n: ++fakes.channels };
      port2 = { end: 'page', n: fakes.channels };
    },
    Notification: { isSupported: () => false },
    nativeTheme: {},
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: vi.fn((text: string) => Buffer.from(`sealed:${text}`)),
      decryptString: vi.fn((b: Buffer) => b.toString().replace(/^sealed:/, '')),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
    shell: { openExternal: () => {}, showItemInFolder: () => {} },
    Tray: class {
      setToolTip() {}
      setContextMenu() {}
      on() {}
      destroy() {}
    },
    utilityProcess: { fork: fakes.fork },
  };
});

// The main process must never open the database: the core process does.
const openDatabase = vi.hoisted(() => vi.fn());
vi.mock('@core/db/open', async (original) => ({
  ...(await original<typeof import('@core/db/open')>()),
  openDatabase,
}));

fakes.userData.dir = mkdtempSync(join(tmpdir(), 'navaia-shell-'));
afterAll(() => rmSync(fakes.userData.dir, { recursive: true, force: true }));

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the desktop shell with its core in a utility process', () => {
  it('starts the core with utilityProcess.fork, hands the window a port, and never opens the database', async () => {
    await import('../../../src/main/index');
    await flush();
    expect(fakes.fork).toHaveBeenCalledTimes(1);
    expect(fakes.fork.mock.calls[0][0]).toMatch(/core\.js$/);
    const core = fakes.children[0];
    expect(core.received[0].message).toEqual({
      type: 'start',
      options: expect.objectContaining({
        dataFile: join(fakes.userData.dir, 'navaia.db'),
        version: '9.9.9',
      }),
    });
    core.fromCore({ type: 'ready' });
    await flush();
    const window = fakes.windows[0];
    expect(window).toBeDefined();

    // The preload asks for its port: one end goes to the core, the other to the page's top frame.
    const connect = fakes.ipcListeners.get(bridgeChannels.connect)!;
    connect({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
    expect(core.received.at(-1)).toEqual({
      message: { type: 'connect', clientId: 'window-3' },
      transfer: [{ end: 'core', n: 1 }],
    });
    expect(window.webContents.posted).toEqual([
      { channel: bridgeChannels.port, ports: [{ end: 'page', n: 1 }] },
    ]);
    // A sub-frame gets nothing.
    connect({ sender: window.webContents, senderFrame: { url: 'file:///x.html' } });
    expect(window.webContents.posted).toHaveLength(1);
    expect(openDatabase).not.toHaveBeenCalled();
  });

  it('answers the core’s credentials requests from safeStorage, never through the window', async () => {
    const core = fakes.children[0];
    const window = fakes.windows[0];
    core.fromCore({ type: 'secrets', id: 1, op: 'set', value: { twilio: { authToken: 'tok-123' } } });
    await flush();
    expect(core.received.at(-1)?.message).toEqual({ type: 'secrets-reply', id: 1, reply: { ok: true } });
    const stored = readdirSync(fakes.userData.dir).find((f) => f.endsWith('.secrets-os'));
    expect(readFileSync(join(fakes.userData.dir, stored!), 'utf8')).toBe(
      'sealed:{"twilio":{"authToken":"tok-123"}}',
    );
    core.fromCore({ type: 'secrets', id: 2, op: 'get' });
    await flush();
    expect(core.received.at(-1)?.message).toEqual({
      type: 'secrets-reply',
      id: 2,
      reply: { ok: true, value: { twilio: { authToken: 'tok-123' } } },
    });
    expect(JSON.stringify([window.webContents.sent, window.webContents.posted])).not.toContain('tok-123');
  });

  it('restarts a core that crashed, says so in the window, and gives the window a new port', async () => {
    const window = fakes.windows[0];
    fakes.children[0].emit('exit', 134);
    await flush();
    expect(fakes.fork).toHaveBeenCalledTimes(2);
    expect(window.webContents.sent.at(-1)).toEqual({
      channel: bridgeChannels.coreStatus,
      args: [
        { state: 'restarting', message: expect.stringContaining('stopped unexpectedly (exit code 134)') },
      ],
    });
    const restarted = fakes.children[1];
    expect(restarted.received[0].message).toMatchObject({ type: 'start' });
    restarted.fromCore({ type: 'ready' });
    await flush();
    expect(restarted.received.at(-1)).toEqual({
      message: { type: 'connect', clientId: 'window-3' },
      transfer: [{ end: 'core', n: 2 }],
    });
    expect(window.webContents.posted.at(-1)).toEqual({
      channel: bridgeChannels.port,
      ports: [{ end: 'page', n: 2 }],
    });
    expect(window.webContents.sent.at(-1)).toEqual({
      channel: bridgeChannels.coreStatus,
      args: [{ state: 'restarted', message: expect.stringContaining('was restarted') }],
    });
    expect(openDatabase).not.toHaveBeenCalled();
  });

  it('holds quitting until the core has flushed and closed', async () => {
    const core = fakes.children[1];
    const quit = fakes.app.quit as ReturnType<typeof vi.fn>;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    fakes.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(core.received.at(-1)?.message).toEqual({ type: 'close' });
    expect(quit).not.toHaveBeenCalled();
    core.fromCore({ type: 'closed' });
    await flush();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(fakes.fork).toHaveBeenCalledTimes(2); // a core that was asked to close is not restarted
    core.emit('exit', 0);
    expect(fakes.fork).toHaveBeenCalledTimes(2);
  });
});

describe('src/main', () => {
  it('imports no database, engine or app core: those live in the core process', () => {
    const dir = join(__dirname, '../../../src/main');
    const offenders = readdirSync(dir).filter((file) =>
      /from\s+['"]([./]*\/core\/(app|db\/|engine\/|customers\/|audience\/)|better-sqlite3|drizzle-orm)/.test(
        readFileSync(join(dir, file), 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
