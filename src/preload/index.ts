import { contextBridge, ipcRenderer } from 'electron';
import type { NavaiaBridge } from '../shared/bridge';
import { bridgeChannels } from '../shared/bridge';
import type { EventBatch } from '../shared/contract';

// The page gets two functions and nothing else: no ipcRenderer, no Node.
const bridge: NavaiaBridge = {
  invoke: (method, input) => ipcRenderer.invoke(bridgeChannels.invoke, method, input),
  subscribe(listener) {
    const handler = (_event: unknown, batch: EventBatch) => listener(batch);
    ipcRenderer.on(bridgeChannels.events, handler);
    return () => {
      ipcRenderer.removeListener(bridgeChannels.events, handler);
    };
  },
};

contextBridge.exposeInMainWorld('navaia', bridge);
