import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  nativeTheme,
  safeStorage,
  session,
  shell,
} from 'electron';
import { createApp, type NavaiaApp } from '../core/app';
import { openDatabase } from '../core/db/open';
import { ensureDemoData } from '../core/db/seed/seed-demo-data';
import { createLogger } from '../core/logging/logger';
import { databaseFileName } from '../core/paths';
import { appMenuTemplate } from './app-menu';
import { notifyEscalations } from './escalation-notifications';
import { bindContractToIpc, forwardEvents, trustedFrameCheck } from './ipc-binding';
import { createHardenedWindow, loadRenderer } from './main-window';
import { createSafeStorageSecretStore, safeStorageFileFor } from './secret-store-safe-storage';
import { guardNavigation, hardenSession, isAppUrl } from './security';
import { readWindowState, writeWindowState } from './window-state';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const outDir = join(__dirname, '..');
let mainWindow: BrowserWindow | undefined;

// A second launch focuses the running window instead of opening a second app on the same database.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

/** In a packaged app the migrations ship as a resource; in development they are in the repository. */
function migrationsFolder(): string | undefined {
  const packaged = join(process.resourcesPath ?? '', 'drizzle');
  return app.isPackaged && existsSync(packaged) ? packaged : undefined;
}

/** better-sqlite3 built for Electron's ABI (scripts/electron-native.mjs) when running from source. */
function nativeBinding(): string | undefined {
  const file = join(
    app.getAppPath(),
    '.native',
    `electron-${process.versions.electron}`,
    'better_sqlite3.node',
  );
  return existsSync(file) ? file : undefined;
}

function startCore(): NavaiaApp {
  const userData = app.getPath('userData');
  const logger = createLogger({ file: join(userData, 'logs', 'navaia.log') });
  const dataFile = join(userData, databaseFileName);
  const db = openDatabase(dataFile, { migrationsFolder: migrationsFolder(), nativeBinding: nativeBinding() });
  ensureDemoData(db, Date.now());
  logger.info({ dataFile, version: app.getVersion() }, 'navaia started');
  const secrets = createSafeStorageSecretStore(safeStorage, safeStorageFileFor(dataFile));
  return createApp({ db, logger, host: 'electron', dataFile, secrets });
}

async function createMainWindow(core: NavaiaApp): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = readWindowState(stateFile);
  const window = createHardenedWindow(outDir, state);
  mainWindow = window;
  if (state.maximized) window.maximize();
  guardNavigation(window.webContents, (url) => void shell.openExternal(url), devServerUrl);
  forwardEvents(core, window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => writeWindowState(stateFile, window.getNormalBounds(), window.isMaximized()));
  window.on('closed', () => {
    mainWindow = undefined;
  });
  await loadRenderer(window, outDir, devServerUrl);
}

app.whenReady().then(async () => {
  nativeTheme.themeSource = 'system';
  hardenSession(session.defaultSession);
  const core = startCore();
  await core.start();
  bindContractToIpc(
    ipcMain,
    core,
    trustedFrameCheck(
      () => mainWindow?.webContents,
      (url) => isAppUrl(url, devServerUrl),
    ),
  );
  const navigate = (page: string) =>
    mainWindow?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${page}`)}`);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        {
          navigate: (page) => void navigate(page),
          revealLogs: () => shell.showItemInFolder(join(app.getPath('userData'), 'logs', 'navaia.log')),
          showAbout: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Navaia',
              message: `Navaia ${app.getVersion()}`,
              detail: `Electron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode ${process.versions.node}`,
            }),
          exportDatabase: () => void navigate('settings'),
        },
        process.platform === 'darwin',
      ),
    ),
  );
  if (Notification.isSupported()) {
    notifyEscalations(
      (listener) => core.context.bus.subscribe(listener),
      (options) => new Notification(options),
      (attemptId) => {
        if (!mainWindow) return;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
        void navigate(`monitor/${attemptId}`);
      },
    );
  }
  await createMainWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(core);
  });
  app.on('before-quit', () => void core.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
