import { sql } from 'drizzle-orm';
import type { AudienceGroup } from '../../shared/contract/audience';
import { compileCriteria } from '../audience/compile-criteria';
import { type AudienceOptions, countAudience } from '../audience/count-audience';
import { eligibleCondition } from '../audience/eligibility';
import type { Db } from '../db/open';
import { customers } from '../db/schema';

/**
 * A campaign's funnel top: the customers it has reached for (queued a call for), plus those its audience
 * still holds that it has not — matching, and of those, callable now. Counting the audience "as it is now"
 * alone would shrink it as the campaign calls (a call sets "last contacted", which a rule or the frequency
 * cap then excludes) until fewer were targeted than dialled.
 */
export function campaignAudience(
  db: Db,
  campaignId: number,
  criteria: AudienceGroup,
  options: AudienceOptions,
): { matched: number; eligible: number } {
  const now = countAudience(db, criteria, options);
  const matches = compileCriteria(criteria, options.now);
  const reached = db.get<{ reached: number; matching: number | null; eligible: number | null }>(sql`
    select count(*) as reached,
      sum(coalesce(${matches}, 0)) as matching,
      sum(coalesce(${matches}, 0) and ${eligibleCondition(options.now, options.frequencyCapDays)}) as eligible
    from customers
    where ${customers.id} in (select customer_id from call_attempts where campaign_id = ${campaignId})`);
  return {
    matched: now.matched - (reached.matching ?? 0) + reached.reached,
    eligible: now.eligible - (reached.eligible ?? 0) + reached.reached,
  };
}
