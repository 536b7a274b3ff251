import { type AnyColumn, and, asc, count, desc, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CustomerPage, customerListInput } from '../../shared/contract/customers';
import type { Db } from '../db/open';
import { customers, customerTags } from '../db/schema';

type ListInput = z.output<typeof customerListInput>;

/** Escapes LIKE wildcards so a user's `%` or `_` is matched literally. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const prefixLike = (column: AnyColumn, text: string) => sql`${column} like ${likePrefix(text)} escape '\\'`;

/** Prefix range on the unique phone index: `phone >= '+1305' and phone < '+1306'`. */
function phonePrefix(digits: string): SQL {
  const last = digits.at(-1)!;
  const upper = `${digits.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}`;
  return sql`(${customers.phone} >= ${digits} and ${customers.phone} < ${upper})`;
}

/**
 * What a search box query means: digits search phone numbers from the start (with or without the
 * country code's `+`, US numbers also without their `1`); words search names from the start — one word
 * matches first or last name, several match "first last" or a multi-word last name. Every form is a
 * prefix match on an indexed column, so it stays fast at a million customers.
 */
export function customerSearchCondition(search: string): SQL | undefined {
  const text = search.trim();
  if (!text) return undefined;
  const digits = text.replace(/[\s().-]/g, '');
  if (/^\+?\d{3,}$/.test(digits)) {
    const bare = digits.replace(/^\+/, '');
    return or(phonePrefix(`+${bare}`), phonePrefix(`+1${bare}`));
  }
  const words = text.split(/\s+/);
  if (words.length === 1) {
    return or(prefixLike(customers.firstName, text), prefixLike(customers.lastName, text));
  }
  return or(
    and(prefixLike(customers.firstName, words[0]), prefixLike(customers.lastName, words.slice(1).join(' '))),
    prefixLike(customers.lastName, text),
  );
}

const sortColumns = {
  name: sql`${customers.lastName} collate nocase`,
  city: customers.city,
  neighborhood: customers.neighborhood,
  lifecycleStage: customers.lifecycleStage,
  lastContactedAt: customers.lastContactedAt,
  customerSince: customers.customerSince,
  lifetimeValue: customers.lifetimeValue,
} as const;

/**
 * One page of the customers table, sorted and filtered in SQLite; the renderer never holds more. The
 * page's ids are found first from an index alone (sorting ids, not whole rows, where an index gives the
 * order only in part, e.g. by city), then only those rows are read.
 */
export function listCustomers(db: Db, input: ListInput): CustomerPage {
  const where = input.search ? customerSearchCondition(input.search) : undefined;
  const order = input.direction === 'asc' ? asc : desc;
  const total = db.select({ n: count() }).from(customers).where(where).get()?.n ?? 0;
  const ids = db
    .select({ id: customers.id })
    .from(customers)
    .where(where)
    .orderBy(order(sortColumns[input.sort]), order(customers.id))
    .limit(input.limit)
    .offset(input.offset)
    .all()
    .map((r) => r.id);
  const byId = new Map(
    ids.length > 0
      ? db
          .select()
          .from(customers)
          .where(inArray(customers.id, ids))
          .all()
          .map((c) => [c.id, c])
      : [],
  );
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const tags = new Map<number, string[]>();
  if (rows.length > 0) {
    const tagRows = db
      .select()
      .from(customerTags)
      .where(
        inArray(
          customerTags.customerId,
          rows.map((r) => r.id),
        ),
      )
      .all();
    for (const { customerId, tag } of tagRows) tags.set(customerId, [...(tags.get(customerId) ?? []), tag]);
  }
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
      tags: (tags.get(c.id) ?? []).sort(),
    })),
  };
}
