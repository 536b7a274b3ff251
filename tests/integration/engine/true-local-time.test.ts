import { Readable } from 'node:stream';
import { guessMapping } from '@core/customers/import/column-mapping';
import { importCustomersCsv } from '@core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '@core/customers/import/preview-csv';
import { createRejectsFile } from '@core/customers/import/rejects-file';
import { updateSettings } from '@core/settings/settings-store';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { engineHarnessPerTest } from '../../helpers/engine-harness';

const day = 86_400_000;

/**
 * Customers whose true whereabouts the test knows, written as a supervisor's file would have them. `truth`
 * is every zone the person may really be in; `florida` marks those Florida's rules protect.
 */
const people: { csv: string; truth: string[]; florida?: boolean }[] = [
  // Address zone ≠ area-code zone.
  { csv: 'Lena,+12125550111,Los Angeles,CA,', truth: ['America/Los_Angeles', 'America/New_York'] },
  {
    csv: 'Mia,+12135550112,Miami,FL,33131',
    truth: ['America/New_York', 'America/Los_Angeles'],
    florida: true,
  },
  // Area codes across a zone line.
  { csv: 'Pat,+18505550113,Pensacola,FL,', truth: ['America/Chicago', 'America/New_York'], florida: true },
  { csv: 'Gil,+12195550114,Gary,IN,', truth: ['America/Chicago', 'America/Indiana/Indianapolis'] },
  { csv: 'Nat,+18505550115,,,', truth: ['America/Chicago', 'America/New_York'], florida: true },
  // Territories and far zones.
  { csv: 'Gus,+16715550116,,,', truth: ['Pacific/Guam'] },
  { csv: 'Vic,+13405550117,,,', truth: ['America/St_Thomas'] },
  { csv: 'Yuri,+18675550118,Whitehorse,YT,', truth: ['America/Whitehorse'] },
  { csv: 'Sid,+61255500119,Sydney,NSW,', truth: ['Australia/Sydney'] },
  { csv: 'Ola,+442079460120,London,,', truth: ['Europe/London'] },
  // Florida by its state column only.
  { csv: 'Flo,+13125550121,,FL,', truth: ['America/Chicago', 'America/New_York'], florida: true },
  { csv: 'Fay,+13055550122,,FL,', truth: ['America/New_York', 'America/Chicago'], florida: true },
];

/** Calling hours set for this test: 09:00–21:00, so Florida's own 20:00 close is what stops the evening. */
const window = { start: 9, end: 21 };

async function runAround(start: number) {
  const h = await harnessFor(start);
  updateSettings(h.db, { callingHours: { start: '09:00', end: '21:00' }, frequencyCapDays: 0 });
  const csv = ['first_name,phone,city,state,zip,consent', ...people.map((p) => `${p.csv},written`)].join(
    '\n',
  );
  const result = await importCustomersCsv(h.db, Readable.from([csv]), {
    mapping: guessMapping(previewCustomerCsv(csv).headers),
    now: start,
    rejects: createRejectsFile(`${h.db.$client.name}.rejects.csv`),
  });
  expect(result.rejected).toBe(0);
  // One customer an earlier version could not place: nothing is known of where they are.
  h.db.$client
    .prepare(`insert into customers (first_name, phone, time_zone, time_zones, regions, consent, created_at, updated_at)
      values ('Una', '+15555550199', '', '', '', 'written', ?, ?)`)
    .run(start, start);
  const id = h.createCampaign({
    objective: 'booking_reminder',
    schedule: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { start: '08:00', end: '21:00' } },
    pacing: { maxConcurrent: 5, maxPerMinute: 30 },
    retryPolicy: { retryOn: ['no_answer', 'busy', 'voicemail', 'failed'], delayMinutes: 45, maxAttempts: 8 },
  });
  h.app.engine.startCampaign(id);
  await h.runUntilFinished(id, 4 * day);
  const dials = h.db.$client
    .prepare(`select c.first_name as name, a.dialed_at as at from call_attempts a join customers c on c.id = a.customer_id
      where a.campaign_id = ? and a.dialed_at is not null order by a.dialed_at`)
    .all(id) as { name: string; at: number }[];
  return { h, id, dials };
}

let harnessFor: ReturnType<typeof engineHarnessPerTest>;

describe('every dial audited against the customer’s true local time', () => {
  harnessFor = engineHarnessPerTest();
  // Campaigns that begin the day before the clocks change, in spring and in autumn, here and abroad.
  const starts = {
    'US spring forward (8 March 2026)': Date.UTC(2026, 2, 7, 12),
    'US fall back (1 November 2026)': Date.UTC(2026, 9, 31, 12),
    'Europe spring forward (29 March 2026)': Date.UTC(2026, 2, 28, 12),
    'Australia clocks forward (4 October 2026)': Date.UTC(2026, 9, 3, 12),
  };

  for (const [when, start] of Object.entries(starts)) {
    it(`${when}: no call outside any zone the customer may be in, Florida’s rules kept, nobody called on a guess`, async () => {
      const { h, id, dials } = await runAround(start);
      const outside: string[] = [];
      for (const dial of dials) {
        const person = people.find((p) => p.csv.startsWith(`${dial.name},`));
        expect(person, dial.name).toBeDefined();
        for (const zone of person!.truth) {
          const local = DateTime.fromMillis(dial.at, { zone });
          const end = person!.florida ? 20 : window.end;
          if (local.hour < window.start || local.hour >= end)
            outside.push(`${dial.name} at ${local.toFormat('ccc HH:mm')} ${zone}`);
        }
      }
      expect(outside).toEqual([]);
      // Everyone placeable was called; the customer nobody can place was not, and waits with a reason.
      expect(new Set(dials.map((d) => d.name)).size).toBe(people.length);
      expect(dials.some((d) => d.name === 'Una')).toBe(false);
      expect(h.app.engine.progress(id).notices?.join(' ')).toMatch(
        /1 customer waits: their time zone is unknown/,
      );
      // Florida: at most 3 calls to one person in any 24 hours.
      for (const person of people.filter((p) => p.florida)) {
        const name = person.csv.split(',')[0];
        const times = dials.filter((d) => d.name === name).map((d) => d.at);
        for (const t of times)
          expect(times.filter((u) => u >= t && u < t + day).length).toBeLessThanOrEqual(3);
      }
    }, 120_000);
  }
});
