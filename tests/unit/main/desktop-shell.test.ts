import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createApp } from '@core/app';
import { backupService } from '@core/backup/backup-service';
import type { Logger } from '@core/logging/logger';
import type { EventBatch } from '@shared/contract';
import type { CampaignProgress } from '@shared/contract/calls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../../src/main/app-menu';
import { type BackupDialogs, backupMenuActions } from '../../../src/main/backup-menu';
import { reportMainProcessErrors, reportProcessCrashes } from '../../../src/main/crash-reporting';
import { followLiveCalls, installTray, type TrayLike } from '../../../src/main/tray';
import {
  createEngineHarness,
  type EngineHarness,
  insertCustomers,
  manyCustomers,
} from '../../helpers/engine-harness';
import { pageConnectedTo } from './shell-fakes';

// The shell must never need the real Electron binary to be tested.
vi.mock('electron', () => ({}));

const tuesday10amNewYork = Date.UTC(2026, 10, 24, 15, 0);

function recordingLogger() {
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object | string, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

class FakeTray implements TrayLike {
  tooltip = '';
  menu: { label?: string; enabled?: boolean; click?: () => void }[] = [];
  destroyed = false;
  clicks: (() => void)[] = [];
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu as FakeTray['menu'];
  }
  on(_event: 'click', listener: () => void) {
    this.clicks.push(listener);
  }
  destroy() {
    this.destroyed = true;
  }
  item(label: string) {
    const found = this.menu.find((entry) => entry.label === label);
    if (!found) throw new Error(`no menu item ${label}`);
    return found;
  }
}

const progress = (campaignId: number, live: number): EventBatch[number] => ({
  name: 'campaign.progress',
  payload: {
    campaignId,
    live,
    status: 'running',
    queued: 0,
    done: 0,
    callsPerMinute: 0,
    maxConcurrent: 10,
    maxPerMinute: 60,
  } satisfies CampaignProgress,
});

describe('the tray', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });

  it('shows the live call count, summed over campaigns and throttled to one update per interval', () => {
    let listener: ((batch: EventBatch) => void) | undefined;
    const reported: number[] = [];
    const timers: (() => void)[] = [];
    followLiveCalls(
      (l) => {
        listener = l;
        return () => {};
      },
      (n) => reported.push(n),
      1000,
      {
        setTimeout: ((fn: () => void) => timers.push(fn)) as unknown as typeof setTimeout,
        clearTimeout: (() => {}) as typeof clearTimeout,
      },
    );
    expect(reported).toEqual([0]);
    listener?.([progress(1, 3), progress(2, 4)]);
    listener?.([progress(1, 5)]);
    expect(timers).toHaveLength(1); // two batches, one pending update
    timers.shift()?.();
    expect(reported).toEqual([0, 9]);
    listener?.([progress(2, 4)]);
    timers.shift()?.();
    expect(reported).toEqual([0, 9]); // unchanged totals are not re-reported
  });

  it('is built with Show, Pause all and Quit, and "Pause all" pauses every running campaign', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    insertCustomers(h.db, manyCustomers(30), h.clock.now());
    const first = h.createCampaign({ name: 'Spring renewals' });
    const second = h.createCampaign({ name: 'Open house' });
    const draft = h.createCampaign({ name: 'Still a draft' });
    h.app.engine.startCampaign(first);
    h.app.engine.startCampaign(second);
    const tray = new FakeTray();
    const shown: string[] = [];
    const { logger, lines } = recordingLogger();
    const remove = installTray({
      core: { dispatch: h.app.dispatch, subscribe: (listener) => h!.app.context.bus.subscribe(listener) },
      createTray: () => tray,
      buildMenu: (template) => template,
      showWindow: () => shown.push('show'),
      quit: () => shown.push('quit'),
      logger,
    });
    expect(tray.tooltip).toBe('Navaia — 0 live calls');
    expect(tray.menu.map((entry) => entry.label ?? '—')).toEqual([
      '0 live calls',
      '—',
      'Show Navaia',
      'Pause all campaigns',
      '—',
      'Quit',
    ]);
    expect(tray.item('0 live calls').enabled).toBe(false);
    tray.item('Show Navaia').click?.();
    tray.clicks[0]();
    tray.item('Quit').click?.();
    expect(shown).toEqual(['show', 'show', 'quit']);

    tray.item('Pause all campaigns').click?.();
    await vi.waitFor(() => expect(lines.map((l) => l.msg)).toContain('campaigns paused from the tray'));
    const status = (id: number) =>
      h?.db.$client.prepare('select status from campaigns where id = ?').pluck().get(id);
    expect([status(first), status(second), status(draft)]).toEqual(['paused', 'paused', 'draft']);
    const paused = lines.find((l) => l.msg === 'campaigns paused from the tray')?.obj as {
      campaignIds: number[];
    };
    expect(paused.campaignIds.toSorted()).toEqual([first, second].toSorted());
    remove();
    expect(tray.destroyed).toBe(true);
  });
});

describe('File ▸ Export / Import Database', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });

  /** The menu's actions on this test's database, with dialogs that give `answers` and record messages. */
  const menuWith = (
    backups: ReturnType<typeof backupService>,
    answers: { save?: string; open?: string; confirm?: number },
    relaunch = () => {},
  ) => {
    const messages: { type: string; message: string }[] = [];
    const dialogs: BackupDialogs = {
      showSaveDialog: async () => ({ canceled: !answers.save, filePath: answers.save }),
      showOpenDialog: async () => ({
        canceled: !answers.open,
        filePaths: answers.open ? [answers.open] : [],
      }),
      showMessageBox: async (options) => {
        messages.push({ type: options.type, message: options.message });
        return { response: answers.confirm ?? 0 };
      },
    };
    const actions = backupMenuActions({
      dialogs,
      backups,
      dataFile: h!.app.context.dataFile,
      now: () => h!.clock.now(),
      relaunch,
    });
    return { actions, messages };
  };

  it('exports to the path chosen in the save dialog', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    insertCustomers(h.db, manyCustomers(5), h.clock.now());
    const chosen = join(dirname(h.app.context.dataFile), 'chosen', 'my-copy.db');
    const backups = backupService(h.app.context);
    const exportTo = vi.spyOn(backups, 'exportTo');
    const { actions, messages } = menuWith(backups, { save: chosen });
    await actions.exportDatabase();
    expect(exportTo).toHaveBeenCalledWith(chosen);
    expect(existsSync(chosen)).toBe(true);
    expect(messages).toEqual([{ type: 'info', message: 'The database was exported and verified.' }]);
  });

  it('does nothing when the save dialog is cancelled', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    const backups = backupService(h.app.context);
    const exportTo = vi.spyOn(backups, 'exportTo');
    await menuWith(backups, {}).actions.exportDatabase();
    expect(exportTo).not.toHaveBeenCalled();
  });

  it('imports a checked file and restarts; a bad file gets an error box and no restart', async () => {
    h = await createEngineHarness(tuesday10amNewYork);
    const backups = backupService(h.app.context);
    const exported = await backups.exportTo();
    let restarts = 0;
    await menuWith(backups, { open: exported.file, confirm: 0 }, () => restarts++).actions.importDatabase();
    expect(restarts).toBe(1);

    const missing = h.app.context.dataFile.replace('navaia.db', 'missing.db');
    const bad = menuWith(backups, { open: missing, confirm: 0 }, () => restarts++);
    await bad.actions.importDatabase();
    expect(restarts).toBe(1);
    expect(bad.messages.at(-1)).toEqual({
      type: 'error',
      message: expect.stringContaining('missing.db does not exist or is not a file'),
    });
  });

  it('are in the File menu, next to Pause All Campaigns in a Campaigns menu', () => {
    const calls: string[] = [];
    const template = appMenuTemplate(
      {
        navigate: (page) => calls.push(`navigate ${page}`),
        revealLogs: () => calls.push('logs'),
        showAbout: () => calls.push('about'),
        exportDatabase: () => calls.push('export'),
        importDatabase: () => calls.push('import'),
        pauseAllCampaigns: () => calls.push('pause all'),
      },
      false,
    );
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const click = (label: string) =>
      (items.find((item) => item.label === label)?.click as (() => void) | undefined)?.();
    click('Export Database…');
    click('Import Database…');
    click('Pause All Campaigns');
    expect(calls).toEqual(['export', 'import', 'pause all']);
    expect(items.find((item) => item.label === 'Pause All Campaigns')?.accelerator).toBe('CmdOrCtrl+Shift+P');
  });
});

describe('crash and error reporting', () => {
  it('logs uncaught exceptions and unhandled rejections of the main process without exiting', () => {
    const fakeProcess = new EventEmitter();
    const { logger, lines } = recordingLogger();
    reportMainProcessErrors(fakeProcess as never, logger);
    const boom = new Error('timer exploded');
    fakeProcess.emit('uncaughtException', boom);
    fakeProcess.emit('unhandledRejection', new Error('nobody awaited me'));
    expect(lines).toEqual([
      { level: 'error', obj: { err: boom }, msg: 'uncaught exception in the main process' },
      {
        level: 'error',
        obj: { err: expect.objectContaining({ message: 'nobody awaited me' }) },
        msg: 'unhandled promise rejection in the main process',
      },
    ]);
  });

  it('logs a renderer that is gone and reloads it unless it exited cleanly', () => {
    const fakeApp = new EventEmitter();
    const { logger, lines } = recordingLogger();
    reportProcessCrashes(fakeApp as never, logger);
    let reloads = 0;
    const contents = { getURL: () => 'file:///app/index.html', reload: () => reloads++ };
    fakeApp.emit('render-process-gone', {}, contents, { reason: 'crashed', exitCode: 139 });
    fakeApp.emit('render-process-gone', {}, contents, { reason: 'clean-exit', exitCode: 0 });
    fakeApp.emit('child-process-gone', {}, { type: 'GPU', reason: 'oom', exitCode: 1 });
    expect(reloads).toBe(1);
    expect(lines.map((l) => [l.msg, l.obj])).toEqual([
      ['renderer process gone', { reason: 'crashed', exitCode: 139, url: 'file:///app/index.html' }],
      ['renderer process gone', { reason: 'clean-exit', exitCode: 0, url: 'file:///app/index.html' }],
      ['child process gone', { type: 'GPU', reason: 'oom', exitCode: 1 }],
    ]);
  });

  it('logs a handler that throws and keeps serving the window', async () => {
    const h = await createEngineHarness(tuesday10amNewYork);
    try {
      const { logger, lines } = recordingLogger();
      const app = createApp({ db: h.db, logger, host: 'electron', dataFile: h.app.context.dataFile });
      // The app's dispatch looks its handler up at each call, so this one throws from now on.
      app.handlers['system.tableCounts'] = () => {
        throw new Error('disk on fire');
      };
      const page = pageConnectedTo(app);
      const { invoke } = page.bridge;
      expect(await invoke('system.tableCounts', {})).toMatchObject({
        ok: false,
        error: {
          code: 'internal',
          message: 'system.tableCounts failed unexpectedly; see the log for details',
        },
      });
      expect(lines).toContainEqual({
        level: 'error',
        obj: { err: expect.objectContaining({ message: 'disk on fire' }), method: 'system.tableCounts' },
        msg: 'rpc handler failed',
      });
      expect(await invoke('system.info', {})).toMatchObject({
        ok: true,
        result: { host: 'electron' },
      });
      page.close();
      app.context.bus.close();
    } finally {
      await h.cleanup();
    }
  });
});
