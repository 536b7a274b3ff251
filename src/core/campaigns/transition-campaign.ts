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

/** Moves a campaign to a new status if the lifecycle allows it; the only place statuses change. */
export function transitionCampaign(db: Db, id: number, to: CampaignStatus, now: number): Campaign {
  return db.transaction(() => {
    const current = getCampaign(db, id);
    if (!canTransition(current.status, to)) {
      throw new AppError('invalid_state', `Cannot ${verbs[to]} a ${current.status} campaign`);
    }
    db.update(campaigns)
      .set({
        status: to,
        updatedAt: new Date(now),
        ...(to === 'running' && current.startedAt === null ? { startedAt: new Date(now) } : {}),
        ...(to === 'completed' || to === 'cancelled' ? { endedAt: new Date(now) } : {}),
      })
      .where(eq(campaigns.id, id))
      .run();
    return getCampaign(db, id);
  });
}
