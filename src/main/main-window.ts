import { join } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/** The webPreferences every Navaia window gets (Electron's security checklist). */
export const hardenedWebPreferences = (
  preloadPath: string,
): BrowserWindowConstructorOptions['webPreferences'] => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: true,
});

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function mainWindowOptions(outDir: string, bounds: WindowBounds): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Navaia',
    backgroundColor: '#0f1216',
    webPreferences: hardenedWebPreferences(join(outDir, 'preload', 'index.cjs')),
  };
}

/** Loads the renderer: the dev server while developing, the bundled files otherwise. */
export async function loadRenderer(
  window: BrowserWindow,
  outDir: string,
  devServerUrl?: string,
): Promise<void> {
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(join(outDir, 'renderer', 'index.html'));
}
