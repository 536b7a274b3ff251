import { sql } from 'drizzle-orm';
import type { AudienceGroup } from '../../shared/contract/audience';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { compileCriteria } from './compile-criteria';

/**
 * Refuses criteria the engine could not use, when a campaign is saved or started rather than when it
 * dials: a rule without a value ("City is" blank), an operator its field does not take, or criteria
 * SQLite cannot prepare (past its limits). Nothing is read: the statement is only prepared.
 */
export function assertAudienceUsable(db: Db, criteria: AudienceGroup, now: number): void {
  let where: ReturnType<typeof compileCriteria>;
  try {
    where = compileCriteria(criteria, now);
  } catch (err) {
    if (err instanceof AppError) throw new AppError('invalid_input', `Audience: ${err.message}`, err.issues);
    throw err;
  }
  const query = db.$client;
  const { sql: text } = db.select({ one: sql`1` }).from(sql`customers`).where(where).toSQL();
  try {
    query.prepare(text);
  } catch (err) {
    throw new AppError(
      'invalid_input',
      `Audience: too large for the database (${(err as Error).message}); use fewer rules or values`,
    );
  }
}
