import { join } from 'node:path';
import { BrowserWindow } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/**
 * Creates the Navaia window with Electron's security checklist applied. The webPreferences are written
 * out literally at the constructor so Electronegativity (scripts/electronegativity.mjs) can verify them.
 */
export function createHardenedWindow(outDir: string, bounds: WindowBounds): BrowserWindow {
  return new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Navaia',
    backgroundColor: '#0f1216',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
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
      // Middle-click would otherwise open links in new windows; denied anyway by the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
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
