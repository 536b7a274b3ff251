import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { NavaiaApp } from '../core/app';
import { bridgeChannels } from '../shared/bridge';
import type { EventBatch, RpcResponse } from '../shared/contract';

/**
 * Binds the whole contract to one IPC channel: every call goes through the app's dispatch, which
 * validates the payload. Calls from any frame but our window's own top frame are refused.
 */
export function bindContractToIpc(
  ipcMain: IpcMain,
  app: NavaiaApp,
  isTrustedFrame: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  ipcMain.handle(
    bridgeChannels.invoke,
    async (event, method: unknown, input: unknown): Promise<RpcResponse> => {
      if (!isTrustedFrame(event)) {
        return {
          ok: false,
          error: { code: 'unauthorized', message: 'Calls are accepted from the Navaia window only' },
        };
      }
      // One client per window: takeover holders are identified by it.
      return app.dispatch(String(method), input, { clientId: `window-${event.sender.id}` });
    },
  );
  return () => ipcMain.removeHandler(bridgeChannels.invoke);
}

/** Forwards event batches to a window for as long as it lives. */
export function forwardEvents(app: NavaiaApp, contents: WebContents): () => void {
  const unsubscribe = app.context.bus.subscribe((batch: EventBatch) => {
    if (!contents.isDestroyed()) contents.send(bridgeChannels.events, batch);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}

/** A frame is trusted when it is the top frame of our window and shows one of our own pages. */
export function trustedFrameCheck(
  getWindowContents: () => WebContents | undefined,
  isAppUrl: (url: string) => boolean,
) {
  return (event: IpcMainInvokeEvent): boolean => {
    const contents = getWindowContents();
    const frame = event.senderFrame;
    return (
      contents !== undefined &&
      event.sender === contents &&
      frame !== null &&
      frame === contents.mainFrame &&
      isAppUrl(frame.url)
    );
  };
}
