import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';

/** How many demo customers the database still holds. */
export const demoCustomerCount = (db: Db) =>
  db.$client.prepare('select count(*) from customers where demo = 1').pluck().get() as number;

/**
 * Removes every demo customer (with their viewings, contracts and the attempts of demo campaigns), once
 * the supervisor's own customers are in. Refused while a campaign still has demo customers queued or on
 * a call: the engine would be left following calls to customers that no longer exist.
 */
export function removeDemoCustomers(db: Db): { removed: number } {
  const client = db.$client;
  const pending = client
    .prepare(`select count(*) from call_attempts a join customers c on c.id = a.customer_id
      where c.demo = 1 and a.state in ('queued', 'dialing', 'ringing', 'in_progress', 'escalated')`)
    .pluck()
    .get() as number;
  if (pending > 0)
    throw new AppError(
      'invalid_state',
      `${pending.toLocaleString('en-US')} calls to demo customers are queued or live: stop those campaigns first.`,
    );
  return client
    .transaction(() => ({
      removed: client.prepare('delete from customers where demo = 1').run().changes,
    }))
    .immediate();
}
