import type { CoreStatus, NavaiaBridge } from '../shared/bridge';
import type { EventBatch, RpcResponse } from '../shared/contract';
import type { ClientMessage, ServerMessage } from '../shared/hosts/messages';

/** The part of a DOM MessagePort used here. */
export interface PagePort {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/**
 * The contract over the MessagePort the main process hands the preload: numbered calls answered by
 * `response`s with the same id, and event batches, as over the WebSocket. The port stays in the preload;
 * the page gets functions. Calls made before a port arrives wait for it; when the core process stops,
 * pending calls fail with a clear message and the next port (after the restart) takes over.
 */
export function createPortBridge() {
  const listeners = new Set<(batch: EventBatch) => void>();
  const problemListeners = new Set<(message: string | undefined) => void>();
  const pending = new Map<number, { resolve(r: RpcResponse): void; reject(e: Error): void }>();
  let nextId = 1;
  let port: PagePort | undefined;
  let portArrived: () => void = () => {};
  let hasPort = new Promise<void>((resolve) => {
    portArrived = resolve;
  });
  let problem: string | undefined;

  const setProblem = (message: string | undefined) => {
    problem = message;
    for (const listener of problemListeners) listener(message);
  };

  const dropPort = (reason: string) => {
    port?.close();
    port = undefined;
    for (const call of pending.values()) call.reject(new Error(reason));
    pending.clear();
    hasPort = new Promise<void>((resolve) => {
      portArrived = resolve;
    });
  };

  const bridge: Required<NavaiaBridge> = {
    async invoke(method, input) {
      await hasPort;
      const current = port!;
      const id = nextId++;
      return new Promise<RpcResponse>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        current.postMessage({ id, method, input } satisfies ClientMessage);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onProblem(listener) {
      problemListeners.add(listener);
      if (problem) listener(problem);
      return () => void problemListeners.delete(listener);
    },
  };

  return {
    bridge,
    /** A new port to the core (the first, or one after a restart); the previous one is closed. */
    attachPort(next: PagePort) {
      if (port) dropPort('The connection to the Navaia core was replaced; try again.');
      port = next;
      next.addEventListener('message', (event) => {
        const message = event.data as ServerMessage;
        if (message.type === 'events') for (const listener of listeners) listener(message.batch);
        else if (message.type === 'response' && message.id !== null) {
          pending.get(message.id)?.resolve(message.response);
          pending.delete(message.id);
        }
      });
      next.start();
      portArrived();
    },
    /** What the main process says about the core process. */
    coreStatus(status: CoreStatus) {
      if (status.state === 'restarting' || status.state === 'stopped') dropPort(status.message);
      setProblem(status.state === 'running' ? undefined : status.message);
    },
  };
}
