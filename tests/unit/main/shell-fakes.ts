import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { NavaiaApp } from '../../../src/core/app';
import { bindContractToIpc, trustedFrameCheck } from '../../../src/main/ipc-binding';
import { isAppUrl } from '../../../src/main/security';
import { bridgeChannels } from '../../../src/shared/bridge';

/** Stand-ins for the Electron objects the main process talks to, so its tests need no Electron binary. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  mainFrame = { url: 'file:///app/out/renderer/index.html' };
  id = 1;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  navigate(url: string) {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }
}

export class FakeIpcMain {
  handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

/** The app's contract bound to a fake IPC for one fake window; `invoke` is the bridge's invoke handler. */
export function bindToFakeWindow(app: NavaiaApp) {
  const ipc = new FakeIpcMain();
  const windowContents = new FakeWebContents();
  bindContractToIpc(
    ipc as unknown as IpcMain,
    app,
    trustedFrameCheck(
      () => windowContents as unknown as WebContents,
      (url) => isAppUrl(url),
    ),
  );
  const invoke = ipc.handlers.get(bridgeChannels.invoke)!;
  const fromWindow = {
    sender: windowContents,
    senderFrame: windowContents.mainFrame,
  } as unknown as IpcMainInvokeEvent;
  return { invoke, fromWindow, windowContents };
}
