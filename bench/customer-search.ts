/**
 * Customers page queries at scale: median time of `customers.list` for the searches and sorts a
 * supervisor uses, on an existing database (seed one first).
 *   npx navaia seed --customers 1000000 --db /tmp/navaia-1m.db
 *   npx tsx bench/customer-search.ts /tmp/navaia-1m.db
 */
import { listCustomers } from '../src/core/customers/list-customers';
import { openDatabase } from '../src/core/db/open';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx bench/customer-search.ts DB_FILE');
  process.exit(2);
}
const db = openDatabase(file);
const total = db.$client.prepare('select count(*) from customers').pluck().get();
console.log(`customers: ${total}`);

const cases: [string, Parameters<typeof listCustomers>[1]][] = [
  ['first page, by name', { sort: 'name', direction: 'asc', offset: 0, limit: 100 }],
  ['page at offset 500k, by name', { sort: 'name', direction: 'asc', offset: 500_000, limit: 100 }],
  ['by lifetime value desc', { sort: 'lifetimeValue', direction: 'desc', offset: 0, limit: 100 }],
  ['by city', { sort: 'city', direction: 'asc', offset: 0, limit: 100 }],
  ['by neighborhood', { sort: 'neighborhood', direction: 'asc', offset: 0, limit: 100 }],
  ['by stage', { sort: 'lifecycleStage', direction: 'asc', offset: 0, limit: 100 }],
  ['by last contacted desc', { sort: 'lastContactedAt', direction: 'desc', offset: 0, limit: 100 }],
  ['search "Amelia"', { search: 'Amelia', sort: 'name', direction: 'asc', offset: 0, limit: 100 }],
  [
    'search "Amelia Whitford"',
    { search: 'Amelia Whitford', sort: 'name', direction: 'asc', offset: 0, limit: 100 },
  ],
  ['search "wh"', { search: 'wh', sort: 'name', direction: 'asc', offset: 0, limit: 100 }],
  ['search phone "+1305555"', { search: '+1305555', sort: 'name', direction: 'asc', offset: 0, limit: 100 }],
];

for (const [name, input] of cases) {
  const times: number[] = [];
  let rows = 0;
  let matched = 0;
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    const page = listCustomers(db, input);
    times.push(performance.now() - start);
    rows = page.rows.length;
    matched = page.total;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(32)} median ${times[7].toFixed(1).padStart(7)} ms   p90 ${times[13].toFixed(1).padStart(7)} ms   (${rows} rows of ${matched})`,
  );
}
db.$client.close();
