/**
 * Audience count at scale: the live count the campaign editor shows, through the real countAudience
 * (criteria compiled to SQL, the four suppression buckets, the eligible rest and the two held), against
 * the best hand-written query found for the same eight figures — each with an index made for that query alone —
 * in the same run, runs interleaved. Several databases give the growth with the number of customers:
 *   node bin/navaia.js seed --customers 10000 --db /tmp/a10k.db     (likewise 100000 and 1000000)
 *   node --import tsx bench/audience-count.ts /tmp/a10k.db /tmp/a100k.db /tmp/m1.db [--runs 21]
 * The raw queries run on a copy of each database (VACUUM INTO beside it, deleted at the end), so their
 * indexes never change the app's plans.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { countAudience, countAudienceQuery } from '../src/core/audience/count-audience';
import { openDatabase } from '../src/core/db/open';
import {
  audienceCases,
  ensureBenchDncList,
  frequencyCapDays,
  rawCountSql,
  rawParams,
} from './audience-cases';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 21;
if (args.length === 0 || !Number.isInteger(runs) || runs < 5) {
  console.error('usage: node --import tsx bench/audience-count.ts DB_FILE... [--runs N ≥ 5]');
  process.exit(2);
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const p90 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

const now = Date.now();
const growth: string[] = [];
for (const file of args) {
  const db = openDatabase(file);
  ensureBenchDncList(db);
  const customers = db.$client.prepare('select count(*) from customers').pluck().get() as number;
  const rawFile = `${file}.bench-raw.db`;
  rmSync(rawFile, { force: true });
  db.$client.prepare('vacuum into ?').run(rawFile);
  const raw = new Database(rawFile);
  for (const index of new Set(audienceCases.flatMap((c) => c.rawIndexes))) raw.exec(index);
  raw.exec('analyze');

  console.log(`\n${file}: ${customers.toLocaleString('en-US')} customers, ${runs} interleaved runs each`);
  console.log(
    '| audience | matched / eligible | countAudience median (p90) | best raw median (p90) | ratio |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of audienceCases) {
    const rawQuery = raw.prepare(rawCountSql(c.rawFromWhere));
    const params = rawParams(now);
    const app = () => countAudience(db, c.criteria, { now, frequencyCapDays });
    const hand = () => rawQuery.get(params) as Record<string, number>;
    const appResult = app();
    const handResult = hand();
    const same =
      JSON.stringify(appResult) ===
      JSON.stringify({
        matched: handResult.matched,
        suppressed: {
          dnc: handResult.dnc,
          no_consent: handResult.no_consent,
          invalid_phone: handResult.invalid_phone,
          frequency_cap: handResult.frequency_cap,
        },
        eligible: handResult.eligible,
        held: { timeZoneUnknown: handResult.time_zone_unknown, demo: handResult.demo },
      });
    if (!same) throw new Error(`${c.name}: different results ${JSON.stringify({ appResult, handResult })}`);
    const appTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      app();
      appTimes.push(performance.now() - start);
      start = performance.now();
      hand();
      rawTimes.push(performance.now() - start);
    }
    const ratio = median(appTimes) / median(rawTimes);
    console.log(
      `| ${c.name} | ${appResult.matched.toLocaleString('en-US')} / ${appResult.eligible.toLocaleString('en-US')} | ${ms(median(appTimes))} (${ms(p90(appTimes))}) | ${ms(median(rawTimes))} (${ms(p90(rawTimes))}) | ${ratio.toFixed(2)}× |`,
    );
    growth.push(`${c.name}\t${customers}\t${median(appTimes).toFixed(1)}\t${median(rawTimes).toFixed(1)}`);
  }

  if (file === args[args.length - 1]) {
    console.log('\nquery plans of countAudience:');
    const dialect = new SQLiteSyncDialect();
    for (const c of audienceCases) {
      const query = dialect.sqlToQuery(countAudienceQuery(c.criteria, { now, frequencyCapDays }));
      const plan = db.$client.prepare(`explain query plan ${query.sql}`).all(query.params) as {
        detail: string;
      }[];
      console.log(`  ${c.name}:\n${plan.map((p) => `    ${p.detail}`).join('\n')}`);
    }
  }
  raw.close();
  db.$client.close();
  rmSync(rawFile, { force: true });
}

if (args.length > 1) {
  console.log('\ngrowth (medians, ms): audience, customers, countAudience, best raw');
  for (const line of growth) console.log(`  ${line}`);
}
