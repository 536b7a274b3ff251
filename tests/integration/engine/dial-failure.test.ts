import { runVirtualUntil } from '@core/clock/virtual-clock';
import type { PlaceCallRequest } from '@core/providers/provider';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  engineHarnessPerTest,
  insertCustomers,
  manyCustomers,
  nyMorning,
} from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';

const minute = 60_000;
const pacing = { maxConcurrent: 3, maxPerMinute: 60 };
const retryPolicy = { retryOn: [], delayMinutes: 1, maxAttempts: 1 };
const tagged = (tag: string) => ({
  combinator: 'and' as const,
  rules: [{ field: 'interests', operator: 'includesAny', value: [tag] }],
});

type Throw = (request: PlaceCallRequest) => never;

/** Errors a provider (or the statements before it) may throw while calls are placed. */
const faults: [string, () => unknown][] = [
  [
    'a non-storage SqliteError (SQLITE_ERROR)',
    () => new Database.SqliteError('no such column: x', 'SQLITE_ERROR'),
  ],
  [
    'a constraint SqliteError (SQLITE_CONSTRAINT_UNIQUE)',
    () => new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'),
  ],
  ['a plain Error', () => new Error('the provider adapter broke')],
];

describe('a campaign whose calls cannot be placed', () => {
  const harness = engineHarnessPerTest();

  for (const [name, fault] of faults) {
    it(`is paused with its reason on ${name} thrown synchronously by placeCall; nothing is left dialing or dialled twice; the other campaign dials`, async () => {
      const h = await harness(nyMorning);
      const provider = h.app.engine.providerOf('simulator');
      const realPlaceCall = provider.placeCall.bind(provider);
      insertCustomers(
        h.db,
        manyCustomers(10).map((c, i) => ({ ...c, tags: [i < 5 ? 'bad' : 'good'] })),
        nyMorning,
      );
      const bad = h.createCampaign({ name: 'Bad', criteria: tagged('bad'), pacing, retryPolicy });
      const good = h.createCampaign({ name: 'Good', criteria: tagged('good'), pacing, retryPolicy });
      const requests: PlaceCallRequest[] = [];
      let thrown = 0;
      let broken = true;
      // The first dial of the bad campaign is placed with the provider, then the adapter throws: only
      // the idempotency key can tell the engine the call exists.
      provider.placeCall = ((request: PlaceCallRequest) => {
        requests.push(request);
        if (request.campaignId !== bad || !broken) return realPlaceCall(request);
        thrown++;
        if (thrown === 1) void realPlaceCall(request);
        throw fault();
      }) as Throw as typeof provider.placeCall;
      h.app.engine.startCampaign(bad);
      h.app.engine.startCampaign(good);
      await runVirtualUntil(h.clock, nyMorning + 30 * minute);

      expect(h.campaignStatus(bad)).toBe('paused');
      const progress = h.app.engine.progress(bad);
      expect(progress).toMatchObject({ waitingReason: 'paused_by_engine' });
      expect(progress.waitingMessage).toMatch(/Navaia paused this campaign/);
      const listed = await invoker(h.app)('campaigns.list', {});
      expect(listed.ok && listed.result.find((c) => c.id === bad)?.statusReason).toMatch(
        /paused this campaign/,
      );

      // One call was asked of the provider once; it is found by its key and followed, not dialled again.
      expect(thrown).toBe(1);
      const rows = h.db.$client
        .prepare(
          'select state, provider_call_id as callId, idempotency_key as k from call_attempts where campaign_id = ?',
        )
        .all(bad) as { state: string; callId: string | null; k: string }[];
      expect(rows.filter((r) => r.state === 'dialing')).toEqual([]);
      const keys = requests.filter((r) => r.campaignId === bad).map((r) => r.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      const placed = rows.filter((r) => r.callId !== null);
      expect(placed.map((r) => r.k)).toEqual([keys[0]]);
      expect(rows.filter((r) => r.state === 'queued').length).toBe(rows.length - 1);

      // The other campaign is not held up.
      await h.runUntilFinished(good, 2 * 3_600_000);
      expect(h.campaignStatus(good)).toBe('completed');
      expect(h.campaignStatus(bad)).toBe('paused');

      // Resumed (the adapter fixed), the bad campaign finishes without calling anyone twice.
      broken = false;
      h.app.engine.resumeCampaign(bad);
      await h.runUntilFinished(bad, 2 * 3_600_000);
      expect(h.campaignStatus(bad)).toBe('completed');
      const all = requests.filter((r) => r.campaignId === bad).map((r) => r.idempotencyKey);
      expect(all).toHaveLength(5);
      expect(new Set(all).size).toBe(5);
      expect(
        h.db.$client
          .prepare(
            'select count(*) from call_attempts where campaign_id = ? and provider_call_id is not null',
          )
          .pluck()
          .get(bad),
      ).toBe(5);
    });
  }

  it('is paused when a statement run after the flush fails with SQLITE_ERROR; no attempt is left dialing', async () => {
    const h = await harness(nyMorning);
    const id = h.campaignFor(4, { pacing: { maxConcurrent: 2, maxPerMinute: 60 } });
    // The customer-variable query reads the properties table: gone, it fails with SQLITE_ERROR.
    h.db.$client.exec('alter table properties rename to properties_gone');
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, nyMorning + 10 * minute);
    expect(h.campaignStatus(id)).toBe('paused');
    expect(h.app.engine.storageOutage()).toBeUndefined();
    expect(h.app.engine.progress(id).waitingMessage).toMatch(/Navaia paused this campaign/);
    expect(h.attempts(id).filter((a) => a.state === 'dialing')).toEqual([]);
    expect(h.attempts(id).filter((a) => a.dialedAt !== null)).toEqual([]);
  });
});
