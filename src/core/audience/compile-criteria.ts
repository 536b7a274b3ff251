import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  type AudienceGroup,
  type AudienceRule,
  audienceFields,
  audienceLimits,
} from '../../shared/contract/audience';
import { AppError } from '../../shared/errors';
import { customers } from '../db/schema';
import { interestMaskOf } from './interest-mask';

const day = 86_400_000;
const isGroup = (node: AudienceRule | AudienceGroup): node is AudienceGroup => 'rules' in node;

/** Values from the query builder come as strings, numbers or arrays; these read them strictly. */
const stringList = z
  .union([z.array(z.coerce.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200)).min(1, 'choose at least one value').max(audienceLimits.values));
const oneString = z.coerce.string().trim().min(1, 'enter a value').max(200);
const number = z.coerce.number().finite();
const days = z.coerce.number().int('days must be a whole number').min(0).max(36_500);
const range = z
  .union([z.array(z.unknown()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')))
  .pipe(z.tuple([number, number]));
const date = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : Date.parse(v);
  if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'enter a date' });
  return ms;
});

function read<T>(schema: z.ZodType<T>, rule: AudienceRule): T {
  const parsed = schema.safeParse(rule.value);
  if (!parsed.success) {
    const field = audienceFields.find((f) => f.name === rule.field)?.label ?? rule.field;
    throw new AppError('invalid_input', `${field}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}

const choiceColumns = {
  city: customers.city,
  neighborhood: customers.neighborhood,
  timeZone: customers.timeZone,
  lifecycleStage: customers.lifecycleStage,
  bookingStatus: customers.bookingStatus,
  preferredPropertyType: customers.preferredPropertyType,
  consent: customers.consent,
} as const;

/**
 * A list of values as one bound JSON parameter: any length compiles to the same statement, far from
 * SQLite's limit on bound variables, and the planner still seeks an index with each value.
 */
const inList = (values: string[]) => sql`(select value from json_each(${JSON.stringify(values)}))`;
const allOf = (parts: SQL[]) => (parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` and `)})`);
const anyOf = (parts: SQL[]) => (parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`);

/**
 * Interests with a bit are tested on `interest_mask`, inside the audience indexes; any other tag goes
 * through `customer_tags` once for the whole list (`includesAll`: customers with every one of them).
 */
function compileInterests(op: string, tags: string[]): SQL {
  const { mask, others } = interestMaskOf(tags);
  const tagged = (having?: SQL) =>
    sql`${customers.id} in (select customer_id from customer_tags where tag in ${inList(others)}${having ?? sql``})`;
  if (op === 'includesAll') {
    const parts: SQL[] = [];
    if (mask) parts.push(sql`(${customers.interestMask} & ${mask}) = ${mask}`);
    if (others.length === 1) parts.push(tagged());
    if (others.length > 1) parts.push(tagged(sql` group by customer_id having count(*) = ${others.length}`));
    return allOf(parts);
  }
  const parts: SQL[] = [];
  if (mask) parts.push(sql`(${customers.interestMask} & ${mask}) <> 0`);
  if (others.length > 0) parts.push(tagged());
  return op === 'includesAny' ? anyOf(parts) : sql`not ${anyOf(parts)}`;
}

function compileRule(rule: AudienceRule, now: number): SQL {
  const field = audienceFields.find((f) => f.name === rule.field);
  if (!field)
    throw new AppError(
      'invalid_input',
      `Unknown audience field “${rule.field}”: use one of ${audienceFields.map((f) => f.name).join(', ')}`,
    );
  if (!field.operators.some((o) => o.name === rule.operator)) {
    throw new AppError(
      'invalid_input',
      `${field.label} cannot be filtered with “${rule.operator}”: use one of ${field.operators.map((o) => o.name).join(', ')}`,
    );
  }
  const op = rule.operator;

  if (rule.field in choiceColumns) {
    const column = choiceColumns[rule.field as keyof typeof choiceColumns];
    if (op === '=') return sql`${column} = ${read(oneString, rule)}`;
    if (op === '!=') return sql`(${column} is null or ${column} <> ${read(oneString, rule)})`;
    if (op === 'in') return sql`${column} in ${inList(read(stringList, rule))}`;
    return sql`(${column} is null or ${column} not in ${inList(read(stringList, rule))})`;
  }

  switch (rule.field) {
    case 'interests':
      return compileInterests(op, read(stringList, rule));
    // Viewings and contracts: the few customers with one in the window, found from that table's index
    // (an `in` list the count walks by id), not a look-up for every customer.
    case 'booking': {
      const n = read(days, rule) * day;
      const booked = (from: number, to: number) =>
        sql`${customers.id} in (select b.customer_id from bookings b where b.scheduled_at >= ${from} and b.scheduled_at < ${to} and b.status <> 'cancelled')`;
      if (op === 'inLastDays') return booked(now - n, now);
      if (op === 'inNextDays') return booked(now, now + n);
      return sql`not ${booked(now, now + n)}`;
    }
    case 'lastContacted': {
      const column = customers.lastContactedAt;
      if (op === 'never') return sql`${column} is null`;
      if (op === 'withinLastDays') return sql`${column} >= ${now - read(days, rule) * day}`;
      if (op === 'notWithinLastDays')
        return sql`(${column} is null or ${column} < ${now - read(days, rule) * day})`;
      if (op === 'before') return sql`${column} < ${read(date, rule)}`;
      return sql`${column} >= ${read(date, rule)}`;
    }
    case 'customerSince': {
      const column = customers.customerSince;
      if (op === 'before') return sql`${column} < ${read(date, rule)}`;
      if (op === 'after') return sql`${column} >= ${read(date, rule)}`;
      return sql`${column} >= ${now - read(days, rule) * day}`;
    }
    case 'lifetimeValue': {
      const column = customers.lifetimeValue;
      if (op === '>=') return sql`${column} >= ${read(number, rule)}`;
      if (op === '<=') return sql`${column} <= ${read(number, rule)}`;
      const [lo, hi] = read(range, rule);
      return sql`${column} between ${Math.min(lo, hi)} and ${Math.max(lo, hi)}`;
    }
    case 'budget': {
      if (op === 'covers') {
        const price = read(number, rule);
        return sql`(${customers.budgetMin} <= ${price} and ${customers.budgetMax} >= ${price})`;
      }
      const [lo, hi] = read(range, rule);
      return sql`(${customers.budgetMin} <= ${Math.max(lo, hi)} and ${customers.budgetMax} >= ${Math.min(lo, hi)})`;
    }
    case 'contractEnds': {
      const n = read(days, rule) * day;
      return sql`${customers.id} in (select c.customer_id from contracts c where c.status = 'active' and c.ends_at >= ${now} and c.ends_at < ${now + n})`;
    }
  }
  throw new AppError('invalid_input', `${field.label} cannot be filtered with “${op}”`);
}

/**
 * Turns audience criteria into a WHERE condition over `customers`, every value a bound parameter.
 * An empty group matches everyone (an audience with no rules is "all customers"); disabled rules are
 * skipped; `not` negates a group.
 */
export function compileCriteria(group: AudienceGroup, now: number): SQL {
  const parts = group.rules
    .filter((node) => !node.disabled)
    .map((node) => (isGroup(node) ? compileCriteria(node, now) : compileRule(node, now)));
  const body =
    parts.length === 0
      ? sql`1 = 1`
      : sql`(${sql.join(parts, group.combinator === 'or' ? sql` or ` : sql` and `)})`;
  // A rule on a missing value is unknown (NULL) in SQL; `not` must still include that customer.
  return group.not ? sql`not coalesce(${body}, 0)` : body;
}
