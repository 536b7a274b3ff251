import { contextBridge, ipcRenderer } from 'electron';
import { bridgeChannels, type CoreStatus } from '../shared/bridge';
import { createPortBridge } from './port-bridge';

// The page gets functions and nothing else: no port, no ipcRenderer, no Node. The port to the core
// process stays here, in the preload's isolated world.
const ports = createPortBridge();
ipcRenderer.on(bridgeChannels.port, (event) => {
  const [port] = event.ports;
  if (port) ports.attachPort(port);
});
ipcRenderer.on(bridgeChannels.coreStatus, (_event, status: CoreStatus) => ports.coreStatus(status));
ipcRenderer.send(bridgeChannels.connect);

contextBridge.exposeInMainWorld('navaia', ports.bridge);
