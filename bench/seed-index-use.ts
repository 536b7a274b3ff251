/**
 * Which of the customers' indexes the app's queries use: every statement the audience counts and samples
 * (templates and the bench audiences), the Customers page (its sorts and searches) and the engine's refill
 * prepare is recorded, then EXPLAIN QUERY PLAN names the indexes each reads. An index no plan names costs
 * every seed, import and dial for nothing.
 *   node --import tsx bench/seed-index-use.ts DB_FILE
 */
import { and, asc, gt } from 'drizzle-orm';
import { compileCriteria } from '../src/core/audience/compile-criteria';
import { countAudience, sampleAudience } from '../src/core/audience/count-audience';
import { eligibleCondition } from '../src/core/audience/eligibility';
import { realCallConsentCondition } from '../src/core/compliance/real-call-readiness';
import { listCustomers } from '../src/core/customers/list-customers';
import { openDatabase } from '../src/core/db/open';
import { customers } from '../src/core/db/schema';
import { audienceCases, frequencyCapDays } from './audience-cases';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/seed-index-use.ts DB_FILE');
  process.exit(2);
}
const db = openDatabase(file);
const client = db.$client;
const recorded = new Map<string, string>();
let label = '';
const prepare = client.prepare.bind(client);
client.prepare = ((source: string) => {
  if (!recorded.has(source)) recorded.set(source, label);
  return prepare(source);
}) as typeof client.prepare;

const now = Date.now();
for (const c of audienceCases) {
  label = `count: ${c.name}`;
  countAudience(db, c.criteria, { now, frequencyCapDays });
  label = `sample: ${c.name}`;
  sampleAudience(db, c.criteria, { now, frequencyCapDays, limit: 20 });
  // The engine's refill (src/core/engine/dialling-pump.ts), simulator and real-call forms.
  for (const real of [false, true]) {
    label = `engine refill${real ? ' (real calls)' : ''}: ${c.name}`;
    db.select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(
        and(
          gt(customers.id, 0),
          compileCriteria(c.criteria, now),
          eligibleCondition(now, frequencyCapDays),
          real ? realCallConsentCondition('upsell') : undefined,
        ),
      )
      .orderBy(asc(customers.id))
      .limit(200)
      .all();
  }
}
const sorts = ['name', 'lifetimeValue', 'city', 'neighborhood', 'lifecycleStage', 'lastContactedAt'] as const;
for (const sort of sorts) {
  label = `customers page by ${sort}`;
  listCustomers(db, { sort, direction: 'asc', offset: 0, limit: 100 });
}
for (const search of ['Amelia', 'Amelia Whitford', 'wh', '+1305555']) {
  label = `customers search "${search}"`;
  listCustomers(db, { search, sort: 'name', direction: 'asc', offset: 0, limit: 100 });
}
client.prepare = prepare;

const indexes = client
  .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'customers'")
  .pluck()
  .all() as string[];
const usedBy = new Map(indexes.map((name) => [name, new Set<string>()]));
for (const [source, what] of recorded) {
  if (!/^\s*select/i.test(source)) continue;
  const explain = client.prepare(`explain query plan ${source}`);
  // The plan does not depend on the values: bind as many NULLs as the statement has parameters.
  let plan: { detail: string }[] = [];
  for (let n = 0; n < 500; n++) {
    try {
      plan = explain.all(Array(n).fill(null)) as { detail: string }[];
      break;
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  for (const { detail } of plan)
    for (const name of indexes) if (new RegExp(`\\b${name}\\b`).test(detail)) usedBy.get(name)?.add(what);
}
console.log(`${recorded.size} statements recorded; customers' indexes and the queries whose plans use them:`);
for (const [name, users] of usedBy)
  console.log(
    `  ${name}: ${users.size === 0 ? 'NOT USED' : `${users.size} — ${[...users].slice(0, 4).join('; ')}${users.size > 4 ? ' …' : ''}`}`,
  );
db.$client.close();
