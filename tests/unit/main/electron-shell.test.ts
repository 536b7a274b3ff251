import { createApp, type NavaiaApp } from '@core/app';
import { silentLogger } from '@core/logging/logger';
import { bridgeChannels } from '@shared/bridge';
import type { IpcMain, Session, WebContents } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindPortRequests, handPortToPage, trustedFrameCheck } from '../../../src/main/ipc-binding';
import { createHardenedWindow } from '../../../src/main/main-window';
import { contentSecurityPolicy, guardNavigation, hardenSession, isAppUrl } from '../../../src/main/security';
import { createTempDb } from '../../helpers/temp-db';
import { FakeIpcMain, FakeWebContents, pageConnectedTo } from './shell-fakes';

// The shell must never need the real Electron binary to be tested.
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(readonly options: object) {}
  },
}));

describe('the Electron window', () => {
  it('is created with the hardened webPreferences and the sandboxed CommonJS preload', () => {
    const window = createHardenedWindow('/app/out', { width: 1200, height: 800 }) as unknown as {
      options: { webPreferences: object; show: boolean };
    };
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('blocks navigation to an outside URL and opens allow-listed links in the system browser only', () => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    guardNavigation(contents as unknown as WebContents, (url) => opened.push(url));
    expect(contents.navigate('https://evil.example.com/phish')).toBe(true);
    expect(contents.navigate('https://www.twilio.com/docs')).toBe(true);
    expect(contents.navigate('file:///app/out/renderer/index.html#/monitor')).toBe(false);
    expect(opened).toEqual(['https://www.twilio.com/docs']);
  });

  it('denies every window.open, even to allowed sites', () => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    guardNavigation(contents as unknown as WebContents, (url) => opened.push(url));
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://elevenlabs.io/app' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://elevenlabs.io/app']);
  });

  it('grants the microphone for the softphone and nothing else, and sets a strict CSP', () => {
    let permissionHandler:
      | ((c: unknown, p: string, cb: (ok: boolean) => void, d: object) => void)
      | undefined;
    let headersHandler:
      | ((
          d: { responseHeaders: object },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | undefined;
    const session = {
      webRequest: { onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h) },
      setPermissionRequestHandler: (h: typeof permissionHandler) => (permissionHandler = h),
      setPermissionCheckHandler: () => {},
    };
    hardenSession(session as unknown as Session);
    const ask = (permission: string, details: object) => {
      let granted: boolean | undefined;
      permissionHandler?.({}, permission, (ok) => (granted = ok), details);
      return granted;
    };
    expect(ask('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(ask('media', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('geolocation', {})).toBe(false);
    expect(ask('notifications', {})).toBe(false);
    let csp: string[] | undefined;
    headersHandler?.({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']));
    expect(csp).toEqual([contentSecurityPolicy]);
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|https?:/);
  });
});

describe('the window’s port to the core', () => {
  let app: NavaiaApp | undefined;
  let cleanup = () => {};
  afterEach(() => {
    app?.context.bus.close();
    cleanup();
    app = undefined;
    cleanup = () => {};
  });

  const setup = () => {
    const temp = createTempDb();
    cleanup = temp.cleanup;
    app = createApp({ db: temp.db, logger: silentLogger, host: 'electron', dataFile: temp.file });
    return app;
  };

  it('is handed to our window’s top frame only, never to a sub-frame, another page or a foreign URL', () => {
    const ipc = new FakeIpcMain();
    const windowContents = new FakeWebContents();
    const connected: unknown[] = [];
    bindPortRequests(
      ipc as unknown as IpcMain,
      trustedFrameCheck(
        () => windowContents as unknown as WebContents,
        (url) => isAppUrl(url),
      ),
      (contents) => connected.push(contents),
    );
    const request = (sender: FakeWebContents, senderFrame: { url: string }) =>
      ipc.emit(bridgeChannels.connect, { sender, senderFrame });
    request(windowContents, { url: 'file:///app/out/renderer/index.html' }); // an iframe
    const otherContents = new FakeWebContents();
    request(otherContents, otherContents.mainFrame);
    expect(connected).toEqual([]);
    request(windowContents, windowContents.mainFrame);
    expect(connected).toEqual([windowContents]);
    windowContents.mainFrame.url = 'https://evil.example.com/';
    request(windowContents, windowContents.mainFrame);
    expect(connected).toHaveLength(1);
  });

  it('gives the core one end of a new channel and the page the other, per connection', () => {
    const contents = new FakeWebContents();
    const toCore: { port: unknown; clientId: string }[] = [];
    let made = 0;
    const channel = () => ({ port1: `core-end-${++made}`, port2: `page-end-${made}` });
    handPortToPage(contents as unknown as WebContents, channel, (port, clientId) =>
      toCore.push({ port, clientId }),
    );
    handPortToPage(contents as unknown as WebContents, channel, (port, clientId) =>
      toCore.push({ port, clientId }),
    );
    expect(toCore).toEqual([
      { port: 'core-end-1', clientId: 'window-1' },
      { port: 'core-end-2', clientId: 'window-1' },
    ]);
    expect(contents.posted).toEqual([
      { channel: bridgeChannels.port, ports: ['page-end-1'] },
      { channel: bridgeChannels.port, ports: ['page-end-2'] },
    ]);
  });

  it('answers a malformed payload with a validation error and keeps serving', async () => {
    const page = pageConnectedTo(setup());
    try {
      const { invoke } = page.bridge;
      const bad = await invoke('customers.list', { limit: -5, sort: 'password' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await invoke('customers.list', 'not an object')).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await invoke(42 as unknown as string, {})).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await invoke('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(await invoke('system.tableCounts', {})).toMatchObject({
        ok: true,
        result: { customers: 0 },
      });
    } finally {
      page.close();
    }
  });
});

describe('escalation notifications', () => {
  it('raise one desktop notification per escalated call, which opens that call when clicked', async () => {
    const { notifyEscalations } = await import('../../../src/main/escalation-notifications');
    let listener: ((batch: import('@shared/contract').EventBatch) => void) | undefined;
    const shown: { title: string; click?: () => void }[] = [];
    const opened: number[] = [];
    notifyEscalations(
      (l) => {
        listener = l;
        return () => {};
      },
      ({ title }) => {
        const entry: { title: string; click?: () => void } = { title };
        shown.push(entry);
        return { on: (_e, fn) => (entry.click = fn), show: () => {} };
      },
      (id) => opened.push(id),
    );
    listener?.([
      { name: 'call.transcript', payload: { attemptId: 1, seq: 1, at: 0, speaker: 'ai', text: 'Hi' } },
      {
        name: 'call.escalated',
        payload: { attemptId: 42, customerName: 'Ann Lee', campaignName: 'Renewals', reason: 'asked' },
      },
    ]);
    expect(shown.map((s) => s.title)).toEqual(['Ann Lee wants to talk to a person']);
    shown[0].click?.();
    expect(opened).toEqual([42]);
  });
});
