import { describe, expect, it } from 'vitest';
import { appForEachTest } from '../helpers/test-app';

describe('no default time zone to guess with', () => {
  const t = appForEachTest();

  it('refuses a default time zone, real or not: customers nobody can place wait instead', async () => {
    for (const zone of ['Mars/Olympus', 'America/New_York'])
      expect(await t.call('settings.update', { defaultTimeZone: zone } as never)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    const settings = await t.call('settings.get', {});
    expect(settings.ok && 'defaultTimeZone' in settings.result).toBe(false);
  });
});
