import { z } from 'zod';
import { event, method } from './define';

export interface TableCounts {
  customers: number;
  campaigns: number;
  callAttempts: number;
  dncNumbers: number;
  bookings: number;
  contracts: number;
  properties: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser' | 'cli';
  dataFile: string;
  versions: Record<string, string>;
  /** The app's clock now (epoch ms): the renderer measures call durations against it. */
  now: number;
}

export const systemMethods = {
  'system.info': method<AppInfo>()(z.object({}).strict()),
  'system.tableCounts': method<TableCounts>()(z.object({}).strict()),
};

export const systemEvents = {
  /** Something the supervisor must see (provider unreachable, campaign auto-paused …). */
  'system.notice': event<{ level: 'info' | 'warning' | 'error'; message: string }>(),
};
