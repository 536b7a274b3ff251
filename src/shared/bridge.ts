import type { EventBatch, RpcResponse } from './contract';

/**
 * What the Electron preload exposes as `window.navaia`: functions only, never a port or ipcRenderer. The
 * renderer wraps it into a typed NavaiaClient; the WebSocket client offers the same shape.
 */
export interface NavaiaBridge {
  invoke(method: string, input: unknown): Promise<RpcResponse>;
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Hears why the window cannot reach the core right now (it crashed and restarts), undefined once it can. */
  onProblem?(listener: (message: string | undefined) => void): () => void;
}

/** How the core process is doing, as the main process tells the window. */
export type CoreStatus =
  | { state: 'restarting'; message: string }
  | { state: 'restarted'; message: string }
  | { state: 'stopped'; message: string }
  | { state: 'running' };

export const bridgeChannels = {
  /** The preload asks for its MessagePort to the core (at load, and the main process re-sends after a restart). */
  connect: 'navaia:connect',
  /** The main process hands the page's end of a MessageChannelMain to the preload. */
  port: 'navaia:port',
  coreStatus: 'navaia:core-status',
} as const;
