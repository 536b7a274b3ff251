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
  Tray,
} from 'electron';
import { createApp, type NavaiaApp } from '../core/app';
import { backupService } from '../core/backup/backup-service';
import { describeDataFile, findDataFile, maySeedDemoData } from '../core/db/data-file';
import { logDatabaseOpening, openDatabase } from '../core/db/open';
import { ensureDemoData } from '../core/db/seed/seed-demo-data';
import { createLogger } from '../core/logging/logger';
import { databaseFileName } from '../core/paths';
import { errorMessage } from '../shared/errors';
import { appMenuTemplate } from './app-menu';
import { backupMenuActions } from './backup-menu';
import { closeBeforeQuit } from './close-before-quit';
import { reportMainProcessErrors, reportProcessCrashes, reportUnresponsiveWindow } from './crash-reporting';
import { notifyEscalations } from './escalation-notifications';
import { bindContractToIpc, forwardEvents, trustedFrameCheck } from './ipc-binding';
import { createHardenedWindow, loadRenderer } from './main-window';
import { createSafeStorageSecretStore, safeStorageFileFor } from './secret-store-safe-storage';
import { guardNavigation, hardenSession, isAppUrl } from './security';
import { installTray, pauseAllCampaigns, trayIconPath } from './tray';
import { readWindowState, writeWindowState } from './window-state';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const outDir = join(__dirname, '..');
let mainWindow: BrowserWindow | undefined;

/** Brings the window to the front, restored if it was minimized; false when there is no window. */
function focusMainWindow(): boolean {
  if (!mainWindow) return false;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  return true;
}

// A second launch focuses the running window instead of opening a second app on the same database.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => void focusMainWindow());

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
  reportMainProcessErrors(process, logger);
  reportProcessCrashes(app, logger);
  const dataFile = join(userData, databaseFileName);
  const found = findDataFile(dataFile);
  const db = openDatabase(dataFile, {
    migrationsFolder: migrationsFolder(),
    nativeBinding: nativeBinding(),
    ...logDatabaseOpening(logger),
  });
  // Demo customers only on a true first start: never into an emptied or missing database.
  if (maySeedDemoData(found)) ensureDemoData(db, Date.now());
  const note = found.state === 'existing' ? undefined : describeDataFile(found);
  if (note) {
    logger.warn({ dataFile, state: found.state }, note);
    if (found.state === 'empty' || found.usedBefore)
      dialog.showErrorBox('Navaia started without your data', note);
  }
  logger.info({ dataFile, version: app.getVersion() }, 'navaia started');
  const secrets = createSafeStorageSecretStore(safeStorage, safeStorageFileFor(dataFile));
  // The desktop has no HTTP server: its own webhook listener runs while a public URL is set.
  return createApp({ db, logger, host: 'electron', dataFile, secrets, webhookListener: true });
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
  reportUnresponsiveWindow(window, core.context.logger);
  window.on('close', () => writeWindowState(stateFile, window.getNormalBounds(), window.isMaximized()));
  window.on('closed', () => {
    mainWindow = undefined;
  });
  await loadRenderer(window, outDir, devServerUrl);
}

app.whenReady().then(async () => {
  nativeTheme.themeSource = 'system';
  hardenSession(session.defaultSession);
  let core: NavaiaApp;
  try {
    core = startCore();
  } catch (err) {
    // A damaged database is refused unchanged; the message says what it means and where the backups are.
    dialog.showErrorBox('Navaia cannot open its database', errorMessage(err));
    app.quit();
    return;
  }
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
  const showWindow = () => {
    if (!focusMainWindow()) return void createMainWindow(core);
    mainWindow?.show();
  };
  const pauseAll = () =>
    void pauseAllCampaigns(core.dispatch).catch((err) =>
      core.context.logger.error({ err }, 'pausing all campaigns failed'),
    );
  const backupMenu = backupMenuActions({
    dialogs: dialog,
    backups: backupService(core.context),
    dataFile: core.context.dataFile,
    now: () => core.context.clock.now(),
    relaunch: () => {
      app.relaunch();
      app.quit();
    },
  });
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
          exportDatabase: () => void backupMenu.exportDatabase(),
          importDatabase: () => void backupMenu.importDatabase(),
          pauseAllCampaigns: pauseAll,
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
        if (focusMainWindow()) void navigate(`monitor/${attemptId}`);
      },
    );
  }
  // Held until quit: a Tray nobody references is garbage-collected and vanishes from the system tray.
  const removeTray = installTray({
    core,
    createTray: () =>
      new Tray(
        trayIconPath({
          isPackaged: app.isPackaged,
          resourcesPath: process.resourcesPath,
          appPath: app.getAppPath(),
        }),
      ),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    showWindow,
    quit: () => app.quit(),
    logger: core.context.logger,
  });
  await createMainWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(core);
  });
  closeBeforeQuit(
    app,
    async () => {
      removeTray();
      await core.close();
    },
    core.context.logger,
  );
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
