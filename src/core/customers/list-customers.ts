import { asc, count, desc, like, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { CustomerPage, customerListInput } from '../../shared/contract/customers';
import type { Db } from '../db/open';
import { customers } from '../db/schema';

// First version: the data/seed helper replaces this with an index-friendly search that stays fast at 1M rows.
export function listCustomers(db: Db, input: z.output<typeof customerListInput>): CustomerPage {
  const where = input.search
    ? or(like(customers.firstName, `${input.search}%`), like(customers.lastName, `${input.search}%`))
    : undefined;
  const order = input.direction === 'asc' ? asc : desc;
  const sortColumn = {
    name: customers.lastName,
    city: customers.city,
    neighborhood: customers.neighborhood,
    lifecycleStage: customers.lifecycleStage,
    lastContactedAt: customers.lastContactedAt,
    customerSince: customers.customerSince,
    lifetimeValue: customers.lifetimeValue,
  }[input.sort];
  const total = db.select({ n: count() }).from(customers).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(customers)
    .where(where)
    .orderBy(order(sortColumn), order(customers.id))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return {
    total,
    offset: input.offset,
    rows: rows.map((c) => ({
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      phone: c.phone,
      phoneValid: c.phoneValid,
      email: c.email,
      city: c.city,
      neighborhood: c.neighborhood,
      timeZone: c.timeZone,
      lifecycleStage: c.lifecycleStage,
      bookingStatus: c.bookingStatus,
      consent: c.consent,
      lastContactedAt: c.lastContactedAt?.getTime() ?? null,
      customerSince: c.customerSince?.getTime() ?? null,
      lifetimeValue: c.lifetimeValue,
      tags: [],
    })),
  };
}
