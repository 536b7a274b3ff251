import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  navigate(page: string): void;
  revealLogs(): void;
  showAbout(): void;
  exportDatabase(): void;
  importDatabase(): void;
  pauseAllCampaigns(): void;
}

/** The native menu; shortcuts mirror the in-app ones so keyboard users can drive the app. */
export function appMenuTemplate(actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Campaign', accelerator: 'CmdOrCtrl+N', click: () => actions.navigate('campaigns/new') },
        { label: 'Export Database…', click: () => actions.exportDatabase() },
        { label: 'Import Database…', click: () => actions.importDatabase() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Go',
      submenu: [
        { label: 'Campaigns', accelerator: 'CmdOrCtrl+1', click: () => actions.navigate('campaigns') },
        { label: 'Monitor', accelerator: 'CmdOrCtrl+2', click: () => actions.navigate('monitor') },
        { label: 'Find Customer', accelerator: 'CmdOrCtrl+F', click: () => actions.navigate('customers') },
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+4', click: () => actions.navigate('dashboard') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('settings') },
      ],
    },
    {
      label: 'Campaigns',
      submenu: [
        // The renderer owns which campaign is selected; its page has Start/Pause with the same effect.
        { label: 'Open Campaigns', click: () => actions.navigate('campaigns') },
        {
          label: 'Pause All Campaigns',
          accelerator: 'CmdOrCtrl+Shift+P',
          click: () => actions.pauseAllCampaigns(),
        },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Reveal Logs', click: () => actions.revealLogs() },
        { label: 'About Navaia', click: () => actions.showAbout() },
      ],
    },
  ];
}
