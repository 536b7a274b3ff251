import type { ReactNode } from 'react';
import { CampaignsPage } from '../features/campaigns/CampaignsPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { HistoryPage } from '../features/history/HistoryPage';
import { MonitorPage } from '../features/monitor/MonitorPage';
import { SettingsPage } from '../features/settings/SettingsPage';

export interface Route {
  id: string;
  label: string;
  /** Single key pressed with Alt (and shown in the navigation). */
  shortcut: string;
  render: (detail?: string) => ReactNode;
}

/** The app's pages, in navigation order. Adding a page is one entry here. */
export const routes: Route[] = [
  {
    id: 'campaigns',
    label: 'Campaigns',
    shortcut: '1',
    render: (detail) => <CampaignsPage detail={detail} />,
  },
  {
    id: 'monitor',
    label: 'Monitor',
    shortcut: '2',
    render: (detail) => <MonitorPage detail={detail} />,
  },
  {
    id: 'history',
    label: 'Call history',
    shortcut: '3',
    render: (detail) => <HistoryPage detail={detail} />,
  },
  { id: 'customers', label: 'Customers', shortcut: '4', render: () => <CustomersPage /> },
  { id: 'dashboard', label: 'Dashboard', shortcut: '5', render: () => <DashboardPage /> },
  {
    id: 'settings',
    label: 'Settings',
    shortcut: '6',
    render: () => <SettingsPage />,
  },
];
