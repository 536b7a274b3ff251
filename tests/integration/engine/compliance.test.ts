import { runVirtualUntil } from '@core/clock/virtual-clock';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEngineHarness,
  type EngineHarness,
  insertCustomers,
  manyCustomers,
} from '../../helpers/engine-harness';

const minute = 60_000;
// Tuesday 24 November 2026, 15:30 UTC: 10:30 in New York, 07:30 in Los Angeles.
const nyMorning = Date.UTC(2026, 10, 24, 15, 30);

describe('compliance in virtual time', () => {
  let h: EngineHarness;
  afterEach(async () => h.cleanup());

  it('does not dial a customer in Los Angeles at 07:30 local even when it is 10:30 in New York', async () => {
    h = await createEngineHarness(nyMorning);
    const [ny, la] = insertCustomers(
      h.db,
      [
        { name: 'Nora', phone: '+12125550101', timeZone: 'America/New_York' },
        { name: 'Lee', phone: '+13105550102', timeZone: 'America/Los_Angeles' },
      ],
      nyMorning,
    );
    const id = h.createCampaign({ retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 } });
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, nyMorning + 60 * minute);
    const dialled = () => h.attempts(id).filter((a) => a.dialedAt !== null);
    expect(dialled().map((a) => a.customerId)).toEqual([ny]);

    await h.runUntilFinished(id);
    const laAttempt = h.attempts(id).find((a) => a.customerId === la)!;
    const local = DateTime.fromMillis(laAttempt.dialedAt!, { zone: 'America/Los_Angeles' });
    // The default calling hours (09:00–20:00 local) open at 09:00 in Los Angeles.
    expect(local.hour).toBe(9);
    expect(local.toISODate()).toBe('2026-11-24');
  });

  it('never dials a number added to the do-not-call list mid-campaign', async () => {
    h = await createEngineHarness(nyMorning);
    const ids = insertCustomers(h.db, manyCustomers(40), nyMorning);
    const id = h.createCampaign({ pacing: { maxConcurrent: 2, maxPerMinute: 4 } });
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, nyMorning + 2 * minute);
    const undialled = ids.filter(
      (cid) => !h.attempts(id).some((a) => a.customerId === cid && a.dialedAt !== null),
    );
    expect(undialled.length).toBeGreaterThan(20);
    const blocked = undialled.slice(-10);
    const phoneOf = h.db.$client.prepare('select phone from customers where id = ?').pluck();
    for (const cid of blocked) {
      h.db.$client
        .prepare("insert into dnc_numbers (phone, source, added_at) values (?, 'manual', ?)")
        .run(phoneOf.get(cid), h.clock.now());
    }
    await h.runUntilFinished(id);
    const attempts = h.attempts(id);
    for (const cid of blocked) {
      expect(attempts.filter((a) => a.customerId === cid && a.dialedAt !== null)).toEqual([]);
    }
    const reasons = h.db.$client
      .prepare(
        `select error from call_attempts where campaign_id = ? and customer_id in (${blocked.join(',')})`,
      )
      .pluck()
      .all(id);
    expect(reasons.every((r) => r === 'dnc')).toBe(true);
  });

  it('applies the frequency cap across campaigns: a customer called by one is not called by another within 7 days', async () => {
    h = await createEngineHarness(nyMorning);
    insertCustomers(h.db, manyCustomers(30), nyMorning);
    const first = h.createCampaign({
      name: 'First',
      retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 },
    });
    h.app.engine.startCampaign(first);
    await h.runUntilFinished(first);
    const calledByFirst = new Set(
      h
        .attempts(first)
        .filter((a) => a.dialedAt !== null)
        .map((a) => a.customerId),
    );
    expect(calledByFirst.size).toBe(30);

    h.clock.advanceBy(2 * 86_400_000);
    const second = h.createCampaign({ name: 'Second' });
    h.app.engine.startCampaign(second);
    await h.runUntilFinished(second);
    expect(h.attempts(second).filter((a) => a.dialedAt !== null)).toEqual([]);

    h.clock.advanceBy(6 * 86_400_000);
    const third = h.createCampaign({
      name: 'Third',
      retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 },
    });
    h.app.engine.startCampaign(third);
    await h.runUntilFinished(third);
    // Everyone is callable again after the cap — except anyone who asked the first campaign not to call.
    const optedOut = h.db.$client.prepare('select count(*) from dnc_numbers').pluck().get() as number;
    expect(h.attempts(third).filter((a) => a.dialedAt !== null).length).toBe(30 - optedOut);
  });

  it('honours max attempts and retries only after the policy delay', async () => {
    h = await createEngineHarness(nyMorning);
    insertCustomers(h.db, manyCustomers(150), nyMorning);
    const id = h.createCampaign({
      pacing: { maxConcurrent: 20, maxPerMinute: 120 },
      retryPolicy: {
        retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
        delayMinutes: 45,
        maxAttempts: 3,
      },
    });
    h.app.engine.startCampaign(id);
    await h.runUntilFinished(id);
    const rows = h.db.$client
      .prepare(
        'select customer_id as c, attempt_number as n, state, dialed_at as d, ended_at as e from call_attempts where campaign_id = ? order by c, n',
      )
      .all(id) as { c: number; n: number; state: string; d: number | null; e: number | null }[];
    expect(Math.max(...rows.map((r) => r.n))).toBe(3);
    for (const r of rows.filter((x) => x.n > 1)) {
      const previous = rows.find((x) => x.c === r.c && x.n === r.n - 1)!;
      expect(['no_answer', 'busy', 'voicemail', 'failed']).toContain(previous.state);
      if (r.d !== null) expect(r.d - previous.e!).toBeGreaterThanOrEqual(45 * minute);
    }
    const perCustomer = new Map<number, number>();
    for (const r of rows) perCustomer.set(r.c, (perCustomer.get(r.c) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(3);
  });

  it('keeps concurrency within the limit and stops dialling while paused', async () => {
    h = await createEngineHarness(nyMorning);
    insertCustomers(h.db, manyCustomers(200), nyMorning);
    const id = h.createCampaign({
      pacing: { maxConcurrent: 5, maxPerMinute: 30 },
      retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 },
    });
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, nyMorning + 10 * minute);
    h.app.engine.pauseCampaign(id);
    const pausedAt = h.clock.now();
    await runVirtualUntil(h.clock, pausedAt + 30 * minute);
    const dialledWhilePaused = h.attempts(id).filter((a) => a.dialedAt !== null && a.dialedAt > pausedAt);
    expect(dialledWhilePaused).toEqual([]);
    const live = h.db.$client
      .prepare(
        "select count(*) from call_attempts where campaign_id = ? and state in ('dialing','ringing','in_progress','escalated')",
      )
      .pluck()
      .get(id);
    expect(live).toBe(0);
    h.app.engine.resumeCampaign(id);
    await h.runUntilFinished(id);
    expect(new Set(h.attempts(id).map((a) => a.customerId)).size).toBe(200);

    const spans = h.db.$client
      .prepare(
        'select dialed_at as s, ended_at as e from call_attempts where campaign_id = ? and dialed_at is not null',
      )
      .all(id) as { s: number; e: number }[];
    const points = spans.flatMap((x) => [
      [x.s, 1],
      [x.e, -1],
    ]) as [number, number][];
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    let peak = 0;
    for (const [, delta] of points) {
      current += delta;
      peak = Math.max(peak, current);
    }
    expect(peak).toBe(5);
  });

  it('adds a customer who asks not to be called to the do-not-call list at once', async () => {
    h = await createEngineHarness(nyMorning);
    insertCustomers(h.db, manyCustomers(300), nyMorning);
    const id = h.createCampaign({ pacing: { maxConcurrent: 30, maxPerMinute: 200 } });
    h.app.engine.startCampaign(id);
    await h.runUntilFinished(id);
    const requested = h.db.$client
      .prepare(
        "select to_number from call_attempts where campaign_id = ? and disposition = 'do_not_call_request'",
      )
      .pluck()
      .all(id) as string[];
    expect(requested.length).toBeGreaterThan(0);
    const onList = h.db.$client
      .prepare("select phone from dnc_numbers where source = 'call_request'")
      .pluck()
      .all();
    expect(onList.sort()).toEqual([...requested].sort());
  });
});

describe('customers waiting for their local morning', () => {
  it('do not stop the campaign from calling customers whose day has begun', async () => {
    const { createTempDb } = await import('../../helpers/temp-db');
    const { VirtualClock } = await import('@core/clock/virtual-clock');
    const { createEngine } = await import('@core/engine/engine');
    const { createEventBus } = await import('@core/events/event-bus');
    const { createSimulator } = await import('@core/providers/simulator/simulator-provider');
    const { silentLogger } = await import('@core/logging/logger');
    const { getSettings } = await import('@core/settings/settings-store');
    const { createCampaign } = await import('@core/campaigns/campaign-store');
    const temp = createTempDb();
    const clock = new VirtualClock(nyMorning);
    // Ids 1–450 are in Los Angeles (07:30 there: not yet), 451–470 in New York (10:30: callable) — more
    // customers asleep than one refill batch of the queue.
    insertCustomers(temp.db, manyCustomers(450, { timeZone: 'America/Los_Angeles' }), nyMorning);
    insertCustomers(
      temp.db,
      manyCustomers(20).map((c, i) => ({ ...c, phone: `+1917${String(3_000_000 + i).padStart(7, '0')}` })),
      nyMorning,
    );
    const engine = createEngine({
      db: temp.db,
      clock,
      bus: createEventBus(),
      logger: silentLogger,
      providers: new Map([['simulator', createSimulator({ db: temp.db, clock, transcripts: false })]]),
      settings: () => getSettings(temp.db),
      // A queue smaller than the number of customers still asleep.
      maxQueued: 10,
    });
    await engine.start();
    const id = createCampaign(
      temp.db,
      {
        name: 'Coast to coast',
        objective: 'custom',
        script: { firstMessage: 'Hello from Navaia Realty, say stop to opt out.' },
        schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
        retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 },
      },
      nyMorning,
    ).id;
    engine.startCampaign(id);
    await runVirtualUntil(clock, nyMorning + 60 * minute);
    const dialledNewYork = temp.db.$client
      .prepare('select count(*) from call_attempts where customer_id > 450 and dialed_at is not null')
      .pluck()
      .get();
    expect(dialledNewYork).toBe(20);
    await engine.close();
    temp.cleanup();
  });
});
