import { describe, expect, it } from 'vitest';
import { countAudience } from '../../src/core/audience/count-audience';
import { insertCustomers, nyMorning } from '../helpers/engine-harness';
import { createTempDb } from '../helpers/temp-db';

describe('the audience breakdown', () => {
  it('counts the customers held because their time zone is unknown, and the demo customers', () => {
    const temp = createTempDb();
    try {
      insertCustomers(
        temp.db,
        [
          { name: 'Known', phone: '+12125550191' },
          { name: 'Nowhere', phone: '+12125550192', timeZones: '' },
          { name: 'Nowhere, no consent', phone: '+12125550193', timeZones: '', consent: 'none' },
          { name: 'Demo', phone: '+13055550194', demo: true },
        ],
        nyMorning,
      );
      const count = countAudience(
        temp.db,
        { combinator: 'and', rules: [] },
        { now: nyMorning, frequencyCapDays: 7 },
      );
      expect(count).toMatchObject({ matched: 4, eligible: 3, held: { timeZoneUnknown: 1, demo: 1 } });
    } finally {
      temp.cleanup();
    }
  });
});
