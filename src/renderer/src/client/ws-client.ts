import type { EventBatch, MethodName, NavaiaClient, RpcResponse } from '@shared/contract';
import { type ClientMessage, parseServerMessage } from '@shared/hosts/messages';
import { RpcError } from './rpc-error';

/**
 * Why the socket would not open, in words: the host answers the page's own address, so it is running and
 * refused the access token; or it does not, so it is not running (or not at this address).
 */
async function whyNoConnection(hasToken: boolean): Promise<string> {
  const hostAnswers = await fetch('/', { method: 'HEAD', cache: 'no-store' }).then(
    (r) => r.ok,
    () => false,
  );
  if (!hostAnswers) return 'Cannot reach the Navaia host. Is `navaia serve` still running?';
  return hasToken
    ? 'The Navaia host refused this page’s access token: it is wrong or out of date. Open the address `navaia serve` printed (it ends in ?token=…).'
    : 'This page was opened without its access token. Open the address `navaia serve` printed (it ends in ?token=…).';
}

/**
 * The contract over the browser host's WebSocket. Calls made before the socket opens wait for it; if the
 * connection drops, pending calls fail with a clear error and the next call reconnects. `onProblem` hears
 * why the page cannot talk to the host (undefined once it can again).
 */
export function createWsClient(
  rpcUrl: string,
  options: { hasToken: boolean; onProblem?: (message: string | undefined) => void } = { hasToken: true },
): NavaiaClient & { clientId(): string | undefined } {
  const listeners = new Set<(batch: EventBatch) => void>();
  const pending = new Map<number, { resolve: (r: RpcResponse) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let clientId: string | undefined;

  const connect = (): Promise<WebSocket> => {
    if (opened && socket && socket.readyState <= WebSocket.OPEN) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(rpcUrl);
      socket = ws;
      ws.onopen = () => {
        options.onProblem?.(undefined);
        resolve(ws);
      };
      ws.onerror = () => {
        if (ws.readyState === WebSocket.OPEN) return;
        void whyNoConnection(options.hasToken).then((message) => {
          options.onProblem?.(message);
          reject(new Error(message));
        });
      };
      ws.onclose = () => {
        for (const call of pending.values()) call.reject(new Error('Connection to the Navaia host was lost'));
        pending.clear();
        opened = undefined;
      };
      ws.onmessage = (event) => {
        const message = parseServerMessage(String(event.data));
        if (!message) return;
        if (message.type === 'hello') clientId = message.clientId;
        else if (message.type === 'events') for (const listener of listeners) listener(message.batch);
        else if (message.id !== null) {
          pending.get(message.id)?.resolve(message.response);
          pending.delete(message.id);
        }
      };
    });
    return opened;
  };

  return {
    async invoke(method: MethodName, input: unknown) {
      const ws = await connect();
      const id = nextId++;
      const response = await new Promise<RpcResponse>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, input } satisfies ClientMessage));
      });
      if (!response.ok) throw new RpcError(response.error);
      return response.result as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect().catch(() => {});
      return () => listeners.delete(listener);
    },
    clientId: () => clientId,
  };
}
