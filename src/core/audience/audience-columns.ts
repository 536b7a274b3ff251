import type { Db } from '../db/open';

/**
 * The two customer columns the audience indexes derive from other tables — `interest_mask` from
 * `customer_tags`, `on_dnc` from `dnc_numbers` — are kept row by row by triggers. A bulk load drops
 * those triggers (firing one costs about 6 µs a row) and sets the columns here, one statement each,
 * for customers from `fromId` on.
 */
export function refreshAudienceColumns(db: Db, options: { fromId: number; masks: boolean }): void {
  const c = db.$client;
  if (options.masks)
    c.prepare(`update customers set interest_mask = m.mask from (
        select t.customer_id, sum(1 << b.bit) as mask from customer_tags t join interest_bits b on b.tag = t.tag
        where t.customer_id >= @fromId group by t.customer_id
      ) as m where customers.id = m.customer_id`).run({ fromId: options.fromId });
  c.prepare(
    'update customers set on_dnc = 1 where id >= ? and on_dnc = 0 and phone in (select phone from dnc_numbers)',
  ).run(options.fromId);
}
