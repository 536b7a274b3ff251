import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  Notification,
  nativeTheme,
  safeStorage,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import { createLogger, type Logger } from '../core/logging/logger';
import { databaseFileName } from '../core/paths';
import { bridgeChannels, type CoreStatus } from '../shared/bridge';
import { appMenuTemplate } from './app-menu';
import { backupMenuActions } from './backup-menu';
import { closeBeforeQuit } from './close-before-quit';
import { type CoreProcess, startCoreProcess } from './core-process-client';
import { crashStatus, restartedNoticeMs, restartedStatus } from './core-status';
import { reportMainProcessErrors, reportProcessCrashes, reportUnresponsiveWindow } from './crash-reporting';
import { notifyEscalations } from './escalation-notifications';
import { bindPortRequests, handPortToPage, trustedFrameCheck } from './ipc-binding';
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

/** Tells the window how the core process is doing (a crash, a restart); the preload shows it. */
function sendCoreStatus(status: CoreStatus): void {
  const contents = mainWindow?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(bridgeChannels.coreStatus, status);
}

/** Gives the window a fresh MessagePort to the core process. */
function connectWindow(core: CoreProcess, contents: Electron.WebContents): void {
  handPortToPage(contents, () => new MessageChannelMain(), core.connectPage);
}

/**
 * Starts the core (database, engine, imports) in a utility process and resolves once it serves. The main
 * process keeps the window, menus, tray, notifications and safeStorage; it never opens the database.
 */
function startCore(logger: Logger): Promise<CoreProcess> {
  const userData = app.getPath('userData');
  const dataFile = join(userData, databaseFileName);
  let clearNotice: ReturnType<typeof setTimeout> | undefined;
  return new Promise((resolve) => {
    const core: CoreProcess = startCoreProcess({
      fork: () =>
        utilityProcess.fork(join(__dirname, 'core.js'), [], { serviceName: 'Navaia core', stdio: 'inherit' }),
      startOptions: {
        dataFile,
        logFile: join(userData, 'logs', 'navaia.log'),
        migrationsFolder: migrationsFolder(),
        nativeBinding: nativeBinding(),
        version: app.getVersion(),
      },
      // Credentials stay with safeStorage here; the core asks for them over its own port, never the page's.
      secrets: createSafeStorageSecretStore(safeStorage, safeStorageFileFor(dataFile)),
      logger,
      onReady({ dataFileNote, restarted }) {
        if (!restarted) {
          if (dataFileNote?.alarming)
            dialog.showErrorBox('Navaia started without your data', dataFileNote.message);
          resolve(core);
          return;
        }
        if (mainWindow) connectWindow(core, mainWindow.webContents);
        sendCoreStatus(restartedStatus);
        clearTimeout(clearNotice);
        clearNotice = setTimeout(() => sendCoreStatus({ state: 'running' }), restartedNoticeMs);
      },
      onFailed(message) {
        // A damaged database is refused unchanged; the message says what it means and where the backups are.
        dialog.showErrorBox('Navaia cannot open its database', message);
        app.quit();
      },
      onCrash: (crash) => sendCoreStatus(crashStatus(crash)),
    });
  });
}

async function createMainWindow(logger: Logger): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = readWindowState(stateFile);
  const window = createHardenedWindow(outDir, state);
  mainWindow = window;
  if (state.maximized) window.maximize();
  guardNavigation(window.webContents, (url) => void shell.openExternal(url), devServerUrl);
  window.once('ready-to-show', () => window.show());
  reportUnresponsiveWindow(window, logger);
  window.on('close', () => writeWindowState(stateFile, window.getNormalBounds(), window.isMaximized()));
  window.on('closed', () => {
    mainWindow = undefined;
  });
  await loadRenderer(window, outDir, devServerUrl);
}

app.whenReady().then(async () => {
  nativeTheme.themeSource = 'system';
  hardenSession(session.defaultSession);
  const userData = app.getPath('userData');
  const logger = createLogger({ file: join(userData, 'logs', 'navaia.log') });
  reportMainProcessErrors(process, logger);
  reportProcessCrashes(app, logger);
  logger.info({ version: app.getVersion() }, 'navaia started');
  let quitting = false;
  app.once('before-quit', () => {
    quitting = true;
  });
  const core = await startCore(logger);
  if (quitting) return;
  bindPortRequests(
    ipcMain,
    trustedFrameCheck(
      () => mainWindow?.webContents,
      (url) => isAppUrl(url, devServerUrl),
    ),
    (contents) => connectWindow(core, contents),
  );
  const navigate = (page: string) =>
    mainWindow?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${page}`)}`);
  const showWindow = () => {
    if (!focusMainWindow()) return void createMainWindow(logger);
    mainWindow?.show();
  };
  const pauseAll = () =>
    void pauseAllCampaigns(core.dispatch).catch((err) =>
      logger.error({ err }, 'pausing all campaigns failed'),
    );
  const backupMenu = backupMenuActions({
    dialogs: dialog,
    backups: core,
    dataFile: join(userData, databaseFileName),
    now: () => Date.now(),
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
      (listener) => core.subscribe(listener),
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
    logger,
  });
  await createMainWindow(logger);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(logger);
  });
  closeBeforeQuit(
    app,
    async () => {
      removeTray();
      await core.close();
    },
    logger,
  );
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
