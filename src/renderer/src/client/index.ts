import type { NavaiaBridge } from '@shared/bridge';
import type { NavaiaClient } from '@shared/contract';
import { create } from 'zustand';
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
  if (window.navaia) {
    // The desktop core runs in its own process: a crash and its restart are said in the same banner.
    window.navaia.onProblem?.((message) => useConnectionProblem.setState({ message }));
    return createBridgeClient(window.navaia);
  }
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem(tokenKey) ?? '';
  return createWsClient(`ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`, {
    hasToken: token !== '',
    onProblem: (message) => useConnectionProblem.setState({ message }),
  });
}

/** Why this page cannot talk to the host right now (wrong token, host stopped), for a banner. */
export const useConnectionProblem = create<{ message?: string }>(() => ({}));

export const client: NavaiaClient = createClient();
export { RpcError } from './rpc-error';
