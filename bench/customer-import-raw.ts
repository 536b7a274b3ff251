/**
 * The raw baseline of bench/customer-import.ts: the best single-pass import of its file written by hand
 * for that file's twelve columns — the same parser (Papa, streaming) and the same value readers
 * (libphonenumber, the places, tags, dates, amounts, consent), each row's values bound straight to one
 * prepared insert, 5,000 rows per transaction, the secondary indexes dropped before and built after as the
 * app's first load does. No mapping, no row numbers, no rejects file, no duplicate rules: only what it
 * takes to write the same rows (checked equal by hash in the bench).
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { z } from 'zod';
import { withSecondaryIndexesDeferred } from '../src/core/customers/import/bulk-load';
import {
  readBudgetRange,
  readChoice,
  readConsent,
  readDate,
  readTags,
} from '../src/core/customers/import/customer-values';
import { readPhone } from '../src/core/customers/import/read-phone';
import { joinPlaces, placesOf } from '../src/core/customers/places/customer-places';
import type { Db } from '../src/core/db/open';
import { lifecycleStages } from '../src/core/db/seed/demo-catalog';

const stages = new Set(lifecycleStages);

export async function rawImport(
  db: Db,
  csvFile: string,
  now: number,
  onBatch: () => void,
): Promise<{ imported: number; rejected: number }> {
  const client = db.$client;
  return withSecondaryIndexesDeferred(db, async () => {
    const insert =
      client.prepare(`insert into customers (external_id, first_name, last_name, phone, phone_valid,
      email, city, neighborhood, lifecycle_stage, consent, customer_since, budget_min, budget_max, time_zone,
      time_zones, regions, region, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const tagStatements: ReturnType<typeof client.prepare>[] = [];
    const tagsInsert = (n: number) => {
      tagStatements[n] ??= client.prepare(
        `insert into customer_tags (customer_id, tag) values ${'(?, ?), '.repeat(n - 1)}(?, ?)`,
      );
      return tagStatements[n];
    };
    let imported = 0;
    let rejected = 0;
    let header = true;
    let pending = 0;
    client.exec('begin');
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(
        createReadStream(csvFile, { encoding: 'utf8', highWaterMark: 1024 * 1024 }) as never,
        {
          step({ data: c }) {
            if (header) {
              header = false;
              return;
            }
            if (c.length !== 12) return;
            const phone = readPhone(c[3], 'US');
            if (!phone.ok) {
              rejected++;
              return;
            }
            const place = placesOf({
              phone: phone.e164,
              country: phone.country,
              city: c[5],
              homeCountry: 'US',
            });
            const stage = readChoice(c[8]);
            const budget = readBudgetRange(c[11]);
            const email = z.regexes.email.test(c[4]) && c[4].length <= 200 ? c[4] : null;
            const { lastInsertRowid: id } = insert.run(
              c[0],
              c[1],
              c[2],
              phone.e164,
              email,
              c[5],
              c[6],
              stages.has(stage) ? stage : 'lead',
              readConsent(c[9], 'verbal') ?? 'none',
              readDate(c[10], 'US') ?? null,
              budget?.[0] ?? null,
              budget?.[1] ?? null,
              place.timeZone,
              joinPlaces(place.timeZones),
              joinPlaces(place.regions),
              place.region ?? null,
              now,
              now,
            );
            const tags = readTags(c[7]);
            if (tags.length > 0) tagsInsert(tags.length).run(tags.flatMap((tag) => [id, tag]));
            imported++;
            if (++pending === 5_000) {
              client.exec('commit');
              onBatch();
              client.exec('begin');
              pending = 0;
            }
          },
          complete: () => resolve(),
          error: reject,
        },
      );
    });
    client.exec('commit');
    onBatch();
    return { imported, rejected };
  });
}
