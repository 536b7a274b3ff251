import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { bridgeChannels } from '../shared/bridge';

type FrameEvent = Pick<IpcMainEvent, 'sender' | 'senderFrame'>;

/**
 * A page's preload asks for its port to the core on `navaia:connect`; only our window's own top frame,
 * showing one of our pages, gets one. The main process never answers contract calls itself.
 */
export function bindPortRequests(
  ipcMain: Pick<IpcMain, 'on' | 'removeAllListeners'>,
  isTrustedFrame: (event: FrameEvent) => boolean,
  connect: (contents: WebContents) => void,
): () => void {
  ipcMain.on(bridgeChannels.connect, (event) => {
    if (isTrustedFrame(event)) connect(event.sender);
  });
  return () => void ipcMain.removeAllListeners(bridgeChannels.connect);
}

/** The parts of Electron's MessageChannelMain used here. */
export interface ChannelLike {
  port1: unknown;
  port2: unknown;
}

/**
 * A new MessageChannelMain per page: one end to the core process, the other to the page's preload (to its
 * top frame only). A page that reloads, or a core that restarted, gets a fresh channel.
 */
export function handPortToPage(
  contents: Pick<WebContents, 'id' | 'postMessage' | 'isDestroyed'>,
  createChannel: () => ChannelLike,
  connectPage: (port: unknown, clientId: string) => void,
): void {
  if (contents.isDestroyed()) return;
  const { port1, port2 } = createChannel();
  // One client per window: takeover holders are identified by it.
  connectPage(port1, `window-${contents.id}`);
  contents.postMessage(bridgeChannels.port, null, [port2 as Electron.MessagePortMain]);
}

/** A frame is trusted when it is the top frame of our window and shows one of our own pages. */
export function trustedFrameCheck(
  getWindowContents: () => WebContents | undefined,
  isAppUrl: (url: string) => boolean,
) {
  return (event: FrameEvent): boolean => {
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
