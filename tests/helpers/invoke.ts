import type { NavaiaApp } from '../../src/core/app';
import type { MethodInput, MethodName, MethodOutput, RpcResponse } from '../../src/shared/contract';

/** Calls a contract method through the same dispatch the hosts use; resolves to the typed response. */
export function invoker(app: NavaiaApp, clientId = 'test') {
  return <M extends MethodName>(method: M, input: MethodInput<M>) =>
    app.dispatch(method, input, { clientId }) as Promise<RpcResponse<MethodOutput<M>>>;
}
