import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { Logger } from '../core/logging/logger';
import type { EventBatch, RpcResponse } from '../shared/contract';

/** A contract call, as the core process answers the main process's own calls. */
export type MainDispatch = (
  method: string,
  input: unknown,
  caller: { clientId: string },
) => Promise<RpcResponse>;

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayActions {
  showWindow(): void;
  pauseAllCampaigns(): void;
  quit(): void;
}

export const liveCallsLabel = (liveCalls: number) =>
  liveCalls === 1 ? '1 live call' : `${liveCalls.toLocaleString('en-US')} live calls`;

export function trayMenuTemplate(liveCalls: number, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: liveCallsLabel(liveCalls), enabled: false },
    { type: 'separator' },
    { label: 'Show Navaia', click: () => actions.showWindow() },
    { label: 'Pause all campaigns', click: () => actions.pauseAllCampaigns() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

/**
 * Pauses every running campaign through the contract's dispatch: the same validation and engine calls as
 * the Pause button in the UI. Resolves to the ids it paused.
 */
export async function pauseAllCampaigns(dispatch: MainDispatch): Promise<number[]> {
  const caller = { clientId: 'tray' };
  const listed = await dispatch('campaigns.list', {}, caller);
  if (!listed.ok) throw new Error(listed.error.message);
  const running = (listed.result as { id: number; status: string }[]).filter((c) => c.status === 'running');
  const paused: number[] = [];
  for (const campaign of running) {
    const reply = await dispatch('campaigns.pause', { id: campaign.id }, caller);
    if (reply.ok) paused.push(campaign.id);
  }
  return paused;
}

/**
 * Follows the number of live calls from the engine's `campaign.progress` events (each carries one
 * campaign's live count) and reports it at most once per `throttleMs`, however busy the engine is.
 */
export function followLiveCalls(
  subscribe: (listener: (batch: EventBatch) => void) => () => void,
  report: (liveCalls: number) => void,
  throttleMs = 1000,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): () => void {
  const liveByCampaign = new Map<number, number>();
  let reported = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const total = () => [...liveByCampaign.values()].reduce((sum, n) => sum + n, 0);
  const flush = () => {
    timer = undefined;
    const now = total();
    if (now !== reported) {
      reported = now;
      report(now);
    }
  };
  const unsubscribe = subscribe((batch) => {
    let changed = false;
    for (const event of batch) {
      if (event.name !== 'campaign.progress') continue;
      liveByCampaign.set(event.payload.campaignId, event.payload.live);
      changed = true;
    }
    if (changed && timer === undefined) timer = timers.setTimeout(flush, throttleMs);
  });
  flush();
  return () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    unsubscribe();
  };
}

export interface TrayDependencies {
  core: { dispatch: MainDispatch; subscribe(listener: (batch: EventBatch) => void): () => void };
  createTray(): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  showWindow(): void;
  quit(): void;
  logger: Logger;
}

/** The tray icon: live call count in its tooltip and menu, Show / Pause all / Quit. */
export function installTray(deps: TrayDependencies): () => void {
  const tray = deps.createTray();
  const actions: TrayActions = {
    showWindow: deps.showWindow,
    quit: deps.quit,
    pauseAllCampaigns: () => {
      pauseAllCampaigns(deps.core.dispatch).then(
        (ids) => deps.logger.info({ campaignIds: ids }, 'campaigns paused from the tray'),
        (err) => deps.logger.error({ err }, 'pausing campaigns from the tray failed'),
      );
    },
  };
  tray.on('click', () => deps.showWindow());
  const stop = followLiveCalls(
    (listener) => deps.core.subscribe(listener),
    (liveCalls) => {
      tray.setToolTip(`Navaia — ${liveCallsLabel(liveCalls)}`);
      tray.setContextMenu(deps.buildMenu(trayMenuTemplate(liveCalls, actions)));
    },
  );
  return () => {
    stop();
    tray.destroy();
  };
}

/** Where the tray icon is: packed as an extra resource (electron-builder.yml), or in the checkout. */
export function trayIconPath(place: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  const file = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  return place.isPackaged
    ? join(place.resourcesPath, 'resources', file)
    : join(place.appPath, 'resources', file);
}
