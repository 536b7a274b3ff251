import type { NavaiaBridge } from '../../../shared/bridge';
import type { NavaiaClient } from '../../../shared/contract';
import { createBridgeClient } from './bridge-client';
import { createWsClient } from './ws-client';

declare global {
  interface Window {
    navaia?: NavaiaBridge;
  }
}

const tokenKey = 'navaia.token';

/**
 * In Electron the preload provides `window.navaia`; in a browser the page was opened with `?token=…`
 * by `navaia serve`. The token is moved to sessionStorage so it leaves the address bar but survives reloads.
 */
function createClient(): NavaiaClient {
  if (window.navaia) return createBridgeClient(window.navaia);
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem(tokenKey) ?? '';
  return createWsClient(`ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
}

export const client: NavaiaClient = createClient();
export { RpcError } from './rpc-error';
