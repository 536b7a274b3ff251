import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/core/app';
import { createCampaign } from '../src/core/campaigns/campaign-store';
import { VirtualClock } from '../src/core/clock/virtual-clock';
import { type Db, openDatabase } from '../src/core/db/open';
import { silentLogger } from '../src/core/logging/logger';
import type { SimulatorOptions } from '../src/core/providers/simulator/simulator-provider';
import { updateSettings } from '../src/core/settings/settings-store';
import type { CampaignInput } from '../src/shared/contract/campaigns';

/** Tuesday 24 November 2026, 14:00 UTC: every bench starts inside US and UK calling hours. */
export const benchStart = Date.UTC(2026, 10, 24, 14, 0);

/** Callable customers in New York, inserted raw (this is setup, not what is measured). */
export function insertBenchCustomers(db: Db, n: number): void {
  const insert =
    db.$client.prepare(`insert into customers (first_name, phone, time_zone, consent, created_at, updated_at)
    values (?, ?, 'America/New_York', 'written', ?, ?)`);
  db.$client.transaction(() => {
    for (let i = 0; i < n; i++)
      insert.run(`C${i}`, `+1212${String(2_000_000 + i).padStart(7, '0')}`, benchStart, benchStart);
  })();
}

export function benchApp(simulator: Omit<SimulatorOptions, 'db' | 'clock'>, file?: string) {
  const path = file ?? join(mkdtempSync(join(tmpdir(), 'navaia-bench-')), 'bench.db');
  const db = openDatabase(path);
  updateSettings(db, { frequencyCapDays: 0 });
  const clock = new VirtualClock(benchStart);
  const app = createApp({ db, logger: silentLogger, host: 'cli', dataFile: path, clock, simulator });
  const campaign = (input: Partial<CampaignInput>) =>
    createCampaign(
      db,
      {
        name: 'Bench',
        objective: 'neighborhood_interest',
        script: { firstMessage: 'Hi {{customer.first_name}}, Navaia Realty here. Say stop to opt out.' },
        schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
        retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 },
        ...input,
      },
      benchStart,
    ).id;
  return { app, db, clock, campaign, path };
}

export const status = (db: Db, id: number) =>
  db.$client.prepare('select status from campaigns where id = ?').pluck().get(id) as string;
