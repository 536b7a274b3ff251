import { afterEach } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { runVirtualUntil, VirtualClock } from '../../src/core/clock/virtual-clock';
import type { Db } from '../../src/core/db/open';
import { silentLogger } from '../../src/core/logging/logger';
import type { SimulatorOptions } from '../../src/core/providers/simulator/simulator-provider';
import type { CampaignInput } from '../../src/shared/contract/campaigns';
import { createTempDb } from './temp-db';

/** Tuesday 24 November 2026, 15:00 UTC: 10:00 in New York, inside everyone's calling hours. */
export const nyMorning = Date.UTC(2026, 10, 24, 15, 0);

export interface TestCustomer {
  name: string;
  phone: string;
  timeZone?: string;
  /** Every zone the customer may be in, space-separated; '' for "time zone unknown". */
  timeZones?: string;
  region?: string | null;
  regions?: string;
  demo?: boolean;
  consent?: string;
  lastContactedAt?: number | null;
  tags?: string[];
}

export function insertCustomers(db: Db, people: TestCustomer[], now: number): number[] {
  const insert = db.$client.prepare(`insert into customers
    (first_name, last_name, phone, time_zone, time_zones, region, regions, consent, last_contacted_at, demo,
     created_at, updated_at)
    values (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const tag = db.$client.prepare('insert into customer_tags (customer_id, tag) values (?, ?)');
  return people.map((p) => {
    // A customer's zone (or zones, space-separated, or '' for none known) and regions as stored.
    const zones = p.timeZones ?? p.timeZone ?? 'America/New_York';
    const id = Number(
      insert.run(
        p.name,
        p.phone,
        zones.split(' ')[0] ?? '',
        zones,
        p.region ?? null,
        p.regions ?? p.region ?? '',
        p.consent ?? 'written',
        p.lastContactedAt ?? null,
        p.demo ? 1 : 0,
        now,
        now,
      ).lastInsertRowid,
    );
    for (const t of p.tags ?? []) tag.run(id, t);
    return id;
  });
}

/** `n` customers in New York with distinct valid-looking numbers. */
export function manyCustomers(n: number, extra: Partial<TestCustomer> = {}): TestCustomer[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `Customer ${i + 1}`,
    phone: `+1212${String(2_000_000 + i).padStart(7, '0')}`,
    ...extra,
  }));
}

export interface EngineHarness {
  app: NavaiaApp;
  db: Db;
  clock: VirtualClock;
  createCampaign(input?: Partial<CampaignInput>): number;
  /** Adds customers (`n` New Yorkers, or these people) and a campaign over them; returns its id. */
  campaignFor(people: number | TestCustomer[], input?: Partial<CampaignInput>): number;
  /** The same, started. */
  startCampaignFor(people: number | TestCustomer[], input?: Partial<CampaignInput>): number;
  campaignStatus(campaignId: number): string;
  /** Advances virtual time until the campaign is completed or cancelled (or `limitMs` passes). */
  runUntilFinished(campaignId: number, limitMs?: number): Promise<void>;
  /** Advances virtual time a second at a time until a call wants a person; returns its attempt id. */
  untilEscalated(limitMs?: number): Promise<number>;
  attempts(campaignId?: number): {
    customerId: number;
    attemptNumber: number;
    state: string;
    disposition: string | null;
    dialedAt: number | null;
  }[];
  cleanup(): Promise<void>;
}

export async function createEngineHarness(
  start: number,
  simulator: Omit<SimulatorOptions, 'db' | 'clock'> = { transcripts: false },
  /** Writes what a previous run left behind, before the app starts (and reconciles it). */
  leftBehind?: (db: Db) => void,
): Promise<EngineHarness> {
  const temp = createTempDb();
  leftBehind?.(temp.db);
  const clock = new VirtualClock(start);
  const app = createApp({
    db: temp.db,
    logger: silentLogger,
    host: 'cli',
    dataFile: temp.file,
    clock,
    simulator,
  });
  await app.start();
  const status = (id: number) =>
    temp.db.$client.prepare('select status from campaigns where id = ?').pluck().get(id) as string;
  const harness: EngineHarness = {
    app,
    db: temp.db,
    clock,
    campaignFor(people, input) {
      insertCustomers(temp.db, typeof people === 'number' ? manyCustomers(people) : people, clock.now());
      return harness.createCampaign(input);
    },
    startCampaignFor(people, input) {
      const id = harness.campaignFor(people, input);
      app.engine.startCampaign(id);
      return id;
    },
    campaignStatus: status,
    createCampaign(input = {}) {
      return createCampaign(
        temp.db,
        {
          name: 'Test campaign',
          objective: 'neighborhood_interest',
          script: {
            firstMessage: 'Hello {{customer.first_name}}, this is {{company_name}}. Say stop to opt out.',
          },
          schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
          ...input,
        },
        clock.now(),
      ).id;
    },
    async runUntilFinished(campaignId, limitMs = 14 * 86_400_000) {
      const until = clock.now() + limitMs;
      while (clock.now() < until && !['completed', 'cancelled'].includes(status(campaignId))) {
        await runVirtualUntil(clock, Math.min(until, clock.nextTimerAt() ?? clock.now() + 60_000));
      }
    },
    async untilEscalated(limitMs = 3_600_000) {
      const escalated = temp.db.$client
        .prepare("select id from call_attempts where state = 'escalated' limit 1")
        .pluck();
      for (const until = clock.now() + limitMs; clock.now() < until; ) {
        await runVirtualUntil(clock, clock.now() + 1000);
        const id = escalated.get() as number | undefined;
        if (id !== undefined) return id;
      }
      throw new Error('no customer asked for a person');
    },
    attempts(campaignId) {
      return temp.db.$client
        .prepare(`select customer_id as customerId, attempt_number as attemptNumber, state, disposition, dialed_at as dialedAt
          from call_attempts ${campaignId ? 'where campaign_id = ?' : ''} order by customer_id, attempt_number`)
        .all(...(campaignId ? [campaignId] : [])) as ReturnType<EngineHarness['attempts']>;
    },
    async cleanup() {
      await app.close();
      temp.cleanup();
    },
  };
  return harness;
}

/**
 * For a describe block whose tests each build one harness: returns `createEngineHarness`, and closes
 * the harness it made after each test.
 */
export function engineHarnessPerTest(): typeof createEngineHarness {
  let current: EngineHarness | undefined;
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return async (...args) => {
    current = await createEngineHarness(...args);
    return current;
  };
}
