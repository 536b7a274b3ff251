import type { NavaiaBridge } from '@shared/bridge';
import type { MethodName, NavaiaClient } from '@shared/contract';
import { RpcError } from './rpc-error';

/** The contract over Electron IPC, through the preload's `window.navaia`. */
export function createBridgeClient(bridge: NavaiaBridge): NavaiaClient {
  return {
    async invoke(method: MethodName, input: unknown) {
      const response = await bridge.invoke(method, input);
      if (!response.ok) throw new RpcError(response.error);
      return response.result as never;
    },
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
