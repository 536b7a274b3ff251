import { runVirtualUntil } from '@core/clock/virtual-clock';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest, nyMorning } from '../../helpers/engine-harness';
import { invoker } from '../../helpers/invoke';

const blankCity = { combinator: 'and' as const, rules: [{ field: 'city', operator: '=', value: '' }] };

describe('a campaign whose audience cannot be used', () => {
  const harness = engineHarnessPerTest();

  it('is refused when saved or started, with the rule at fault', async () => {
    const h = await harness(nyMorning);
    const call = invoker(h.app);
    const base = { name: 'Blank city', objective: 'custom', script: { firstMessage: 'Hi' } } as const;
    expect(await call('campaigns.create', { ...base, criteria: blankCity })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/Audience: City: enter a value/) },
    });
    const created = await call('campaigns.create', base);
    if (!created.ok) throw new Error(created.error.message);
    expect(
      await call('campaigns.update', { id: created.result.id, changes: { criteria: blankCity } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Written behind the contract's back (an older version saved it): start refuses it, status unchanged.
    h.db.$client
      .prepare('update campaigns set criteria = ? where id = ?')
      .run(JSON.stringify(blankCity), created.result.id);
    expect(await call('campaigns.start', { id: created.result.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/City: enter a value/) },
    });
    expect(h.campaignStatus(created.result.id)).toBe('draft');
  });

  it('found running at start-up is paused with its reason; the app starts and the other campaigns dial', async () => {
    let bad = 0;
    let good = 0;
    const h = await harness(nyMorning, { transcripts: false }, (db) => {
      const insert =
        db.$client.prepare(`insert into campaigns (name, objective, status, provider, criteria, script,
          schedule, pacing, retry_policy, goal, costs, created_at, updated_at)
        values (?, 'custom', 'running', 'simulator', ?, '{"firstMessage":"Hi"}', '{"daysOfWeek":[1,2,3,4,5,6,7],"dailyWindow":{"start":"08:00","end":"21:00"}}',
          '{}', '{}', '{}', '{}', ?, ?)`);
      bad = Number(insert.run('Broken', JSON.stringify(blankCity), nyMorning, nyMorning).lastInsertRowid);
      good = Number(
        insert.run('Fine', '{"combinator":"and","rules":[]}', nyMorning, nyMorning).lastInsertRowid,
      );
      db.$client
        .prepare(`insert into customers (first_name, phone, time_zone, time_zones, consent, created_at, updated_at)
          values ('Ann', '+12125550171', 'America/New_York', 'America/New_York', 'written', ?, ?)`)
        .run(nyMorning, nyMorning);
    });
    await runVirtualUntil(h.clock, nyMorning + 30 * 60_000);
    expect(h.campaignStatus(bad)).toBe('paused');
    const progress = h.app.engine.progress(bad);
    expect(progress).toMatchObject({ waitingReason: 'paused_by_engine' });
    expect(progress.waitingMessage).toMatch(/Navaia paused this campaign: City: enter a value/);
    const listed = await invoker(h.app)('campaigns.list', {});
    expect(listed.ok && listed.result.find((c) => c.id === bad)?.statusReason).toMatch(/City: enter a value/);
    expect(h.attempts(good).filter((a) => a.dialedAt !== null)).toHaveLength(1);
  });
});
