import type { CustomerImportMapping } from '@shared/contract/customers';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';
import { type CustomerRow, fixedValueCount, optionalColumns, valueAt } from './customer-insert-layout';

export type WriteOutcome = { kind: 'imported' | 'updated' } | { kind: 'rejected'; reason: string };

/**
 * Writes customers with prepared statements. A row whose external id is known updates that
 * customer; otherwise a row whose phone is known updates that one; otherwise it is inserted. On update
 * only the columns the file maps are written, so a file without (say) an email column keeps the emails.
 * A customer this import already wrote is not written again: a file that names the same person twice
 * (same number or same external id) gets the second row reported instead of silently merged.
 */
export function createCustomerWriter(db: Db, mapping: CustomerImportMapping) {
  const client = db.$client;
  const written = createRowsByCustomer();
  const byExternalId = client.prepare('select id from customers where external_id = ?').pluck();
  // Demo customers share fictional numbers and are never the customer a real row updates.
  const byPhone = client.prepare(
    'select id, external_id as externalId from customers where phone = ? and demo = 0',
  );

  const mapped = (fields: readonly (keyof CustomerImportMapping)[]) => fields.some((f) => mapping[f]);
  /** Where the values of the optional columns the file maps are: the only ones an update writes. */
  const updatedValues = optionalColumns.flatMap((c, i) => (mapped(c.fields) ? [fixedValueCount + i] : []));
  const update = client.prepare(
    `update customers set first_name = ?, phone = ?, phone_valid = 1, time_zone = ?, time_zones = ?, regions = ?,
      region = coalesce(?, region), updated_at = ?${updatedValues.map((i) => `, ${optionalColumns[i - fixedValueCount].column} = ?`).join('')} where id = ?`,
  );
  const insertSql = `insert into customers (first_name, phone, phone_valid, time_zone, time_zones, regions, region,
    created_at, updated_at${optionalColumns
      .map((c) => `, ${c.column}`)
      .join('')}) values (?, ?, 1, ?, ?, ?, ?, ?, ?${', ?'.repeat(optionalColumns.length)})`;
  /** Inserts unless the number or external id is taken, when it writes nothing (and the rules below decide). */
  const insertIfNew = client.prepare(`${insertSql} on conflict do nothing`);
  const tagsMapped = mapped(['tags']);
  const clearTags = client.prepare('delete from customer_tags where customer_id = ?');
  /** One statement per number of tags (a row has at most 50), so a customer's tags are one call. */
  const addTags: Statement[] = [];
  const addTagsStatement = (count: number) => {
    addTags[count] ??= client.prepare(
      `insert into customer_tags (customer_id, tag) values ${'(?, ?), '.repeat(count - 1)}(?, ?) on conflict do nothing`,
    );
    return addTags[count];
  };

  const activeContract = client.prepare(
    "select id from contracts where customer_id = ? and status = 'active' order by ends_at limit 1",
  );
  const moveContractEnd = client.prepare('update contracts set ends_at = ? where id = ?');
  const addLease = client.prepare(
    "insert into contracts (customer_id, kind, starts_at, ends_at, status) values (?, 'lease', ?, ?, 'active')",
  );
  const addViewing = client.prepare(`insert into bookings (customer_id, scheduled_at, status, created_at)
    select ?, ?, 'scheduled', ? where not exists (select 1 from bookings where customer_id = ? and scheduled_at = ?)`);

  /**
   * The lease end date goes to the customer's active contract (a new lease if none: its start is not in the
   * file, so it is the import's time); a viewing date becomes a scheduled viewing unless it is booked already.
   */
  const writeContractAndViewing = (customerId: number | bigint, row: CustomerRow, now: number) => {
    if (row.contractEndsAt !== undefined) {
      const contract = activeContract.pluck().get(customerId) as number | undefined;
      if (contract !== undefined) moveContractEnd.run(row.contractEndsAt, contract);
      else addLease.run(customerId, Math.min(now, row.contractEndsAt), row.contractEndsAt);
    }
    if (row.bookingAt !== undefined)
      addViewing.run(customerId, row.bookingAt, now, customerId, row.bookingAt);
  };

  const writeTags = (customerId: number | bigint, tags: string[] | undefined, replace: boolean) => {
    if (!tagsMapped) return;
    if (replace) clearTags.run(customerId);
    if (!tags || tags.length === 0) return;
    addTagsStatement(tags.length).run(tags.flatMap((tag) => [customerId, tag]));
  };

  function write(customer: CustomerRow, row: number): WriteOutcome {
    const { values, tags } = customer;
    const now = values[valueAt.createdAt] as number;
    // Most rows are new customers: one statement instead of two look-ups and an insert. A row whose
    // number or external id is already there writes nothing here and goes through the look-ups below.
    const added = insertIfNew.run(values);
    if (added.changes === 1) {
      writeTags(added.lastInsertRowid, tags, false);
      writeContractAndViewing(added.lastInsertRowid, customer, now);
      written.add(Number(added.lastInsertRowid), row);
      return { kind: 'imported' };
    }
    const phone = values[valueAt.phone] as string;
    const externalId = values[valueAt.externalId] as string | null;
    type Owner = { id: number; externalId: string | null };
    const phoneOwner = byPhone.get(phone) as Owner | undefined;
    const phoneRow = phoneOwner && written.rowOf(phoneOwner.id);
    if (phoneRow) return { kind: 'rejected', reason: `phone: same number as row ${phoneRow} of this file` };
    let customerId = externalId ? (byExternalId.get(externalId) as number | undefined) : undefined;
    const idRow = customerId !== undefined && written.rowOf(customerId);
    if (idRow) return { kind: 'rejected', reason: `external id: same id as row ${idRow} of this file` };

    if (customerId !== undefined) {
      if (phoneOwner && phoneOwner.id !== customerId)
        return { kind: 'rejected', reason: phoneTakenReason(phone, phoneOwner) };
    } else {
      if (phoneOwner?.externalId && externalId && phoneOwner.externalId !== externalId)
        return { kind: 'rejected', reason: phoneTakenReason(phone, phoneOwner) };
      customerId = phoneOwner?.id;
    }

    // Phone and external id are the table's only unique keys, so the insert above met one of them.
    if (customerId === undefined) throw new Error('unreachable: an insert conflict without its customer');
    update.run(
      values.slice(0, valueAt.createdAt),
      values[valueAt.updatedAt],
      ...updatedValues.map((i) => values[i]),
      customerId,
    );
    writeTags(customerId, tags, true);
    writeContractAndViewing(customerId, customer, now);
    written.add(customerId, row);
    return { kind: 'updated' };
  }

  return {
    write,
    /** Runs `work` in one transaction: a batch is written whole or not at all. */
    inTransaction<T>(work: () => T): T {
      // Immediate: the write lock is taken at once, so another process cannot make it fail half-way.
      return client.transaction(work).immediate();
    },
    close() {
      written.clear();
    },
  };
}

/**
 * The file row that wrote each customer, indexed by customer id in a typed array: 4 bytes per id,
 * flat and fast where a Map of a million entries would not be.
 */
function createRowsByCustomer() {
  let rows = new Uint32Array(1 << 16);
  return {
    add(customerId: number, row: number) {
      if (customerId >= rows.length) {
        const grown = new Uint32Array(Math.max(rows.length * 2, customerId + 1));
        grown.set(rows);
        rows = grown;
      }
      rows[customerId] = row;
    },
    rowOf: (customerId: number) => (customerId < rows.length ? rows[customerId] : 0),
    clear() {
      rows = new Uint32Array(0);
    },
  };
}

function phoneTakenReason(phone: string, owner: { id: number; externalId: string | null }): string {
  const who = owner.externalId ? `external id ${owner.externalId}` : `customer #${owner.id}`;
  return `phone: ${phone} already belongs to another customer (${who})`;
}

export type CustomerWriter = ReturnType<typeof createCustomerWriter>;
