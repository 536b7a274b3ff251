import { and, asc, gt, sql } from 'drizzle-orm';
import type { Settings } from '../../shared/contract/settings';
import { compileCriteria } from '../audience/compile-criteria';
import { eligibleCondition } from '../audience/eligibility';
import { realCallConsentCondition } from '../compliance/real-call-readiness';
import type { GroupCommit } from '../db/group-commit';
import type { Db } from '../db/open';
import { customers } from '../db/schema';
import type { AttemptStore } from './attempt-store';
import type { Runner } from './engine-types';
import type { PreparedQueries } from './prepared-queries';

/** Queue customers ahead in batches; stop filling while this many are due and waiting for a line. */
export const refillBatch = 200;
const defaultMaxQueued = 2_000;

/**
 * The refill: queues the next customers of a campaign's audience (eligible now) for their first
 * attempt. The audience is walked once, by customer id, in pages: memory does not grow with it.
 * Returns how many were queued (0: nothing left to queue now).
 */
export function createRunnerRefill(deps: {
  db: Db;
  store: AttemptStore;
  groupCommit: GroupCommit;
  queries: PreparedQueries;
  maxQueued?: number;
}) {
  const { db, store, groupCommit, queries: q } = deps;
  const limit = deps.maxQueued ?? defaultMaxQueued;

  return (runner: Runner, now: number, settings: Settings): number => {
    // Only attempts that are due count: customers waiting for their local morning must not stop the
    // campaign from reaching customers whose day has begun.
    if (runner.exhausted || (q.dueCount.get(runner.campaign.id, now, limit) as number) >= limit) return 0;
    const { provider, objective } = runner.campaign;
    const batch = db
      .select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(
        and(
          gt(customers.id, runner.cursor),
          compileCriteria(runner.campaign.criteria, now),
          eligibleCondition(now, settings.frequencyCapDays),
          // Real calls also need the consent the objective asks for, and never go to demo customers
          // (fictional numbers); the simulator calls nobody.
          provider === 'simulator' ? undefined : realCallConsentCondition(objective),
          provider === 'simulator' ? undefined : sql`${customers.demo} = 0`,
        ),
      )
      .orderBy(asc(customers.id))
      .limit(refillBatch)
      .all();
    groupCommit.write(() => {
      for (const customer of batch) {
        store.enqueue({
          campaignId: runner.campaign.id,
          customerId: customer.id,
          attemptNumber: 1,
          provider: runner.campaign.provider,
          toNumber: customer.phone,
          fromNumber: runner.campaign.callerNumber,
          notBefore: null,
          now,
        });
      }
    });
    if (batch.length > 0) runner.cursor = batch[batch.length - 1].id;
    if (batch.length < refillBatch) runner.exhausted = true;
    return batch.length;
  };
}

export type Refill = ReturnType<typeof createRunnerRefill>;
