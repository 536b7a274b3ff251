/**
 * Audience count at scale: the live count the campaign editor shows, through the real countAudience
 * (criteria → compiled SQL with suppression buckets), against a hand-written query for the same
 * audience and the same figures, in the same run. Seed a database first:
 *   node bin/navaia.js seed --customers 1000000 --db /tmp/m1.db
 *   npx tsx bench/audience-count.ts /tmp/m1.db [runs]
 */
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { countAudience, countAudienceQuery } from '../src/core/audience/count-audience';
import { openDatabase } from '../src/core/db/open';
import type { AudienceGroup } from '../src/shared/contract/audience';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 21);
if (!file || !Number.isInteger(runs) || runs < 15) {
  console.error('usage: npx tsx bench/audience-count.ts DB_FILE [runs ≥ 15]');
  process.exit(2);
}
const db = openDatabase(file);
const client = db.$client;
console.log(`customers: ${client.prepare('select count(*) from customers').pluck().get()}`);

const now = Date.now();
const since = Date.UTC(2023, 0, 1);
const frequencyCapDays = 7;
// Three criteria: one interest tag, one city, one date.
const criteria: AudienceGroup = {
  combinator: 'and',
  rules: [
    { field: 'interests', operator: 'includesAny', value: ['waterfront'] },
    { field: 'city', operator: '=', value: 'Miami' },
    { field: 'customerSince', operator: 'after', value: '2023-01-01' },
  ],
};

// What a person would write by hand for the same figures: one pass over the matching customers.
const handWritten = client.prepare(`
  select count(*) as matched,
    sum(exists (select 1 from dnc_numbers d where d.phone = c.phone)) as dnc,
    sum(c.consent = 'none') as no_consent,
    sum(c.phone_valid = 0) as invalid_phone,
    sum(coalesce(c.last_contacted_at >= @capFrom, 0)) as frequency_cap,
    sum(not (exists (select 1 from dnc_numbers d where d.phone = c.phone) or c.consent = 'none'
      or c.phone_valid = 0 or coalesce(c.last_contacted_at >= @capFrom, 0))) as eligible
  from customers c
  where c.city = @city and c.customer_since >= @since
    and exists (select 1 from customer_tags t where t.customer_id = c.id and t.tag = @tag)`);
const handParams = { city: 'Miami', since, tag: 'waterfront', capFrom: now - frequencyCapDays * 86_400_000 };

const median = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const time = (run: () => unknown) => {
  const times: number[] = [];
  let result: unknown;
  run(); // warm the page cache and the statement cache
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  return { median: median(times), p90: [...times].sort((a, b) => a - b)[Math.floor(runs * 0.9)], result };
};

// Interleaved measurement would be fairer on a shared machine; alternate whole series twice instead.
const real1 = time(() => countAudience(db, criteria, { now, frequencyCapDays }));
const hand1 = time(() => handWritten.get(handParams));
const real2 = time(() => countAudience(db, criteria, { now, frequencyCapDays }));
const hand2 = time(() => handWritten.get(handParams));
const real = Math.min(real1.median, real2.median);
const hand = Math.min(hand1.median, hand2.median);

console.log('countAudience result:', JSON.stringify(real1.result));
console.log('hand-written result: ', JSON.stringify(hand1.result));
console.log(
  `countAudience  median ${real.toFixed(1)} ms  (series: ${real1.median.toFixed(1)}, ${real2.median.toFixed(1)}; p90 ${real1.p90.toFixed(1)})`,
);
console.log(
  `hand-written   median ${hand.toFixed(1)} ms  (series: ${hand1.median.toFixed(1)}, ${hand2.median.toFixed(1)}; p90 ${hand1.p90.toFixed(1)})`,
);
console.log(`ratio ${(real / hand).toFixed(2)}×   (target ≤ 100 ms and ≤ 1.5×, ${runs} runs per series)`);

const query = new SQLiteSyncDialect().sqlToQuery(countAudienceQuery(criteria, { now, frequencyCapDays }));
const plan = (sqlText: string, params: unknown[] | Record<string, unknown>) =>
  (
    client.prepare(`explain query plan ${sqlText}`).all(params) as {
      id: number;
      parent: number;
      detail: string;
    }[]
  )
    .map((r) => `  ${r.parent === 0 ? '' : '  '}${r.detail}`)
    .join('\n');
console.log(`\nquery plan, countAudience:\n${plan(query.sql, query.params as unknown[])}`);
console.log(`\nquery plan, hand-written:\n${plan(handWritten.source, handParams)}`);
client.close();
