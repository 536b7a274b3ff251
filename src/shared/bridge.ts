import type { EventBatch, RpcResponse } from './contract';

/**
 * What the Electron preload exposes as `window.navaia`: two functions, nothing else. The renderer wraps
 * it into a typed NavaiaClient; the WebSocket client offers the same shape.
 */
export interface NavaiaBridge {
  invoke(method: string, input: unknown): Promise<RpcResponse>;
  subscribe(listener: (batch: EventBatch) => void): () => void;
}

export const bridgeChannels = {
  invoke: 'navaia:invoke',
  events: 'navaia:events',
} as const;
