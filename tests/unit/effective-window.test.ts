import { describe, expect, it } from 'vitest';
import { effectiveCallingWindow } from '../../src/shared/campaigns/effective-window';

describe('the calling window a campaign actually gets', () => {
  it('is where the campaign’s window, the calling hours of Settings and the legal 08:00–21:00 all meet', () => {
    expect(
      effectiveCallingWindow({ start: '08:00', end: '21:00' }, { start: '09:00', end: '20:00' }),
    ).toEqual({
      start: '09:00',
      end: '20:00',
    });
    expect(
      effectiveCallingWindow({ start: '10:30', end: '19:00' }, { start: '09:00', end: '20:00' }),
    ).toEqual({
      start: '10:30',
      end: '19:00',
    });
    // Settings may not go beyond the law; if they did, the law would still win.
    expect(
      effectiveCallingWindow({ start: '07:00', end: '22:00' }, { start: '06:00', end: '23:00' }),
    ).toEqual({
      start: '08:00',
      end: '21:00',
    });
  });

  it('is nothing when they do not overlap', () => {
    expect(
      effectiveCallingWindow({ start: '08:00', end: '09:00' }, { start: '09:00', end: '20:00' }),
    ).toBeNull();
  });
});
