import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCustomers } from '../../src/core/customers/list-customers';
import type { Db } from '../../src/core/db/open';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { customerSortFields } from '../../src/shared/contract/customers';
import { createTempDb } from '../helpers/temp-db';

const columns: Record<(typeof customerSortFields)[number], string> = {
  name: 'last_name collate nocase',
  city: 'city',
  neighborhood: 'neighborhood',
  lifecycleStage: 'lifecycle_stage',
  lastContactedAt: 'last_contacted_at',
  customerSince: 'customer_since',
  lifetimeValue: 'lifetime_value',
};

describe('the Customers page', () => {
  let db: Db;
  let cleanup: () => void;
  beforeAll(() => {
    ({ db, cleanup } = createTempDb());
    seedDemoData(db, { customers: 2000, now: Date.UTC(2026, 10, 24, 12) });
  });
  afterAll(() => cleanup());

  it.each(
    customerSortFields.flatMap((sort) =>
      (['asc', 'desc'] as const).map((direction) => [sort, direction] as const),
    ),
  )('sorted by %s %s shows the rows a plain ORDER BY gives, page after page', (sort, direction) => {
    const plain = db.$client
      .prepare(
        `select id from customers order by ${columns[sort]} ${direction}, id ${direction} limit 60 offset 970`,
      )
      .pluck()
      .all();
    const page = listCustomers(db, { sort, direction, offset: 970, limit: 60 });
    expect(page.rows.map((r) => r.id)).toEqual(plain);
    expect(page.total).toBe(2000);
    expect(page.rows[0]).toMatchObject({ firstName: expect.any(String), tags: expect.any(Array) });
  });
});
