import { describe, expect, it } from 'vitest';
import { appForEachTest } from '../helpers/test-app';

describe('settings and the do-not-call list', () => {
  const t = appForEachTest();

  it('start from sensible defaults and keep what the supervisor saves', async () => {
    expect(await t.call('settings.get', {})).toMatchObject({
      ok: true,
      result: { callingHours: { start: '09:00', end: '20:00' }, frequencyCapDays: 7, defaultRegion: 'US' },
    });
    await t.call('settings.update', { frequencyCapDays: 3, companyName: 'Harbor Homes' });
    expect(await t.call('settings.get', {})).toMatchObject({
      ok: true,
      result: { frequencyCapDays: 3, companyName: 'Harbor Homes' },
    });
  });

  it('refuse calling hours outside the legal 08:00–21:00 with a clear message, keeping the old value', async () => {
    const bad = await t.call('settings.update', { callingHours: { start: '07:30', end: '20:00' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/between 08:00 and 21:00 local time/);
    expect(await t.call('settings.get', {})).toMatchObject({
      ok: true,
      result: { callingHours: { start: '09:00' } },
    });
  });

  it('say what is wrong in words, with the field named, for every problem at once', async () => {
    const bad = await t.call('settings.update', {
      frequencyCapDays: -1,
      companyName: '',
      theme: 'pink' as 'dark',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (bad.ok) return;
    expect(bad.error.message).toBe('Company name: fill this in (and 2 more problems)');
    expect(bad.error.issues).toEqual([
      { path: 'companyName', message: 'fill this in' },
      { path: 'frequencyCapDays', message: 'must be 0 or more' },
      { path: 'theme', message: 'choose one of system, light, dark' },
    ]);
    const one = await t.call('settings.update', { frequencyCapDays: 1.5 });
    expect(one).toMatchObject({
      ok: false,
      error: { message: 'Call a customer at most once every (days): enter a whole number' },
    });
  });

  it('store numbers in E.164 whatever way they are typed, and reject what is not a number', async () => {
    expect(await t.call('dnc.add', { phone: '(305) 555-0142', reason: 'asked by email' })).toMatchObject({
      ok: true,
      result: { phone: '+13055550142', source: 'manual', reason: 'asked by email' },
    });
    expect(await t.call('dnc.add', { phone: '+1 305 555 0142' })).toMatchObject({
      ok: true,
      result: { phone: '+13055550142' },
    });
    expect(await t.call('dnc.list', {})).toMatchObject({ ok: true, result: { total: 1 } });
    expect(await t.call('dnc.add', { phone: '12345' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await t.call('dnc.remove', { phone: '305-555-0142' })).toMatchObject({
      ok: true,
      result: { removed: true },
    });
    expect(await t.call('dnc.list', {})).toMatchObject({ ok: true, result: { total: 0 } });
  });
});
