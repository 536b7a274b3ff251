import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { NavaiaApp } from '@core/app';
import { servePagePort } from '../../../src/core-host/core-process';
import type { PortLike } from '../../../src/core-host/ports';
import { createPortBridge, type PagePort } from '../../../src/preload/port-bridge';

/** Stand-ins for the Electron objects the main process talks to, so its tests need no Electron binary. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  mainFrame = { url: 'file:///app/out/renderer/index.html' };
  id = 1;
  posted: { channel: string; ports: unknown[] }[] = [];
  sent: { channel: string; args: unknown[] }[] = [];
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
  isDestroyed() {
    return false;
  }
  postMessage(channel: string, _message: unknown, ports: unknown[] = []) {
    this.posted.push({ channel, ports });
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
}

export class FakeIpcMain {
  listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, listener);
    return this;
  }
  removeAllListeners(channel: string) {
    this.listeners.delete(channel);
    return this;
  }
  emit(channel: string, event: unknown) {
    this.listeners.get(channel)?.(event);
  }
}

/** Node's MessagePort in the shape of Electron's MessagePortMain (events carry `data`). */
export function asPortMain(port: MessagePort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    on: ((event: 'message' | 'close', listener: (e?: { data: unknown }) => void) =>
      event === 'message'
        ? port.on('message', (data) => listener({ data }))
        : port.on('close', () => listener())) as PortLike['on'],
    start: () => port.start(),
    close: () => port.close(),
  };
}

/**
 * The contract as a window's preload reaches it: a MessageChannel whose one end the core serves and whose
 * other end the preload's port bridge holds. Returns the bridge the page would get.
 */
export function pageConnectedTo(app: Pick<NavaiaApp, 'dispatch' | 'context'>, clientId = 'window-1') {
  const { port1, port2 } = new MessageChannel();
  servePagePort(app, asPortMain(port1), clientId);
  const page = createPortBridge();
  page.attachPort(port2 as unknown as PagePort);
  return {
    ...page,
    close() {
      port1.close();
      port2.close();
    },
  };
}
