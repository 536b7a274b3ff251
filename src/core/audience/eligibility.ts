import { type SQL, sql } from 'drizzle-orm';
import { customers, eligibleTally } from '../db/schema';

const day = 86_400_000;

/**
 * Reasons a matched customer must not be called, each as a condition over `customers` that is never
 * NULL and reads only columns the audience indexes hold (the DNC list through the customer's flag).
 */
export function suppressionConditions(now: number, frequencyCapDays: number) {
  return {
    dnc: sql`${customers.onDnc} = 1`,
    no_consent: sql`${customers.consent} = 'none'`,
    invalid_phone: sql`${customers.phoneValid} = 0`,
    frequency_cap:
      frequencyCapDays > 0
        ? sql`coalesce(${customers.lastContactedAt} >= ${now - frequencyCapDays * day}, 0)`
        : sql`0`,
  } satisfies Record<string, SQL>;
}

export type SuppressionReason = keyof ReturnType<typeof suppressionConditions>;

/**
 * True for a customer who may be called now: on no list, with consent, a valid number (all three in
 * `eligibleTally`, which the audience indexes hold), not called recently.
 */
export function eligibleCondition(now: number, frequencyCapDays: number): SQL {
  const s = suppressionConditions(now, frequencyCapDays);
  return sql`(${eligibleTally(customers)} <> 0 and not ${s.frequency_cap})`;
}
