import { eq } from 'drizzle-orm';
import { canTransition } from '../../shared/campaigns/lifecycle';
import type { Campaign, CampaignStatus } from '../../shared/contract/campaigns';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { campaigns } from '../db/schema';
import { getCampaign } from './campaign-store';

const verbs: Record<CampaignStatus, string> = {
  draft: 'return to draft',
  scheduled: 'schedule',
  running: 'start',
  paused: 'pause',
  completed: 'complete',
  cancelled: 'cancel',
};

/**
 * Moves a campaign to a new status if the lifecycle allows it; the only place statuses change. A pause
 * the engine makes by itself says why (`reason`); any other move clears the reason.
 */
export function transitionCampaign(
  db: Db,
  id: number,
  to: CampaignStatus,
  now: number,
  reason?: string,
): Campaign {
  // Immediate: the read and the write hold the write lock together, so another process cannot slip a
  // write between them (and a deferred transaction's upgrade cannot fail with SQLITE_BUSY).
  return db.transaction(
    () => {
      const current = getCampaign(db, id);
      if (!canTransition(current.status, to)) {
        throw new AppError('invalid_state', `Cannot ${verbs[to]} a ${current.status} campaign`);
      }
      db.update(campaigns)
        .set({
          status: to,
          statusReason: to === 'paused' ? (reason ?? null) : null,
          updatedAt: new Date(now),
          ...(to === 'running' && current.startedAt === null ? { startedAt: new Date(now) } : {}),
          ...(to === 'completed' || to === 'cancelled' ? { endedAt: new Date(now) } : {}),
        })
        .where(eq(campaigns.id, id))
        .run();
      return getCampaign(db, id);
    },
    { behavior: 'immediate' },
  );
}
