import { desc, eq, sql } from 'drizzle-orm';
import { isEditable } from '../../shared/campaigns/lifecycle';
import {
  type Campaign,
  type CampaignInput,
  type CampaignListItem,
  type CampaignSettings,
  type CampaignStatus,
  campaignInputSchema,
} from '../../shared/contract/campaigns';
import { AppError } from '../../shared/errors';
import { assertAudienceUsable } from '../audience/check-criteria';
import type { Db } from '../db/open';
import { campaigns } from '../db/schema';

type CampaignRow = typeof campaigns.$inferSelect;

/** Stored JSON documents are re-read through the same schema, so defaults added later fill old rows. */
export function toCampaign(row: CampaignRow): Campaign {
  const settings = campaignInputSchema.parse({
    name: row.name,
    objective: row.objective,
    provider: row.provider,
    criteria: row.criteria,
    script: row.script,
    callerNumber: row.callerNumber,
    schedule: row.schedule,
    pacing: row.pacing,
    retryPolicy: row.retryPolicy,
    goal: row.goal,
    costs: row.costs,
  });
  return {
    ...settings,
    id: row.id,
    status: row.status as CampaignStatus,
    archived: row.archived,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    startedAt: row.startedAt?.getTime() ?? null,
    endedAt: row.endedAt?.getTime() ?? null,
    statusReason: row.statusReason ?? null,
  };
}

export function getCampaign(db: Db, id: number): Campaign {
  const row = db.select().from(campaigns).where(eq(campaigns.id, id)).get();
  if (!row) throw new AppError('not_found', `Campaign ${id} does not exist`);
  return toCampaign(row);
}

export function createCampaign(db: Db, input: CampaignInput, now: number): Campaign {
  const settings = campaignInputSchema.parse(input);
  assertAudienceUsable(db, settings.criteria, now);
  const row = db
    .insert(campaigns)
    .values({ ...settings, status: 'draft', createdAt: new Date(now), updatedAt: new Date(now) })
    .returning()
    .get();
  return toCampaign(row);
}

export function updateCampaign(
  db: Db,
  id: number,
  changes: Partial<CampaignSettings>,
  now: number,
): Campaign {
  const current = getCampaign(db, id);
  if (!isEditable(current.status)) {
    throw new AppError('invalid_state', `A ${current.status} campaign cannot be edited; pause it first`);
  }
  const next = campaignInputSchema.parse({ ...current, ...changes });
  if (changes.criteria) assertAudienceUsable(db, next.criteria, now);
  db.update(campaigns)
    .set({ ...next, updatedAt: new Date(now) })
    .where(eq(campaigns.id, id))
    .run();
  return getCampaign(db, id);
}

export function duplicateCampaign(db: Db, id: number, now: number): Campaign {
  const { name, ...rest } = getCampaign(db, id);
  return createCampaign(db, { ...rest, name: `${name} (copy)` }, now);
}

export function archiveCampaign(db: Db, id: number, archived: boolean, now: number): Campaign {
  const current = getCampaign(db, id);
  if (archived && (current.status === 'running' || current.status === 'paused')) {
    throw new AppError('invalid_state', 'Stop the campaign before archiving it');
  }
  db.update(campaigns)
    .set({ archived, updatedAt: new Date(now) })
    .where(eq(campaigns.id, id))
    .run();
  return getCampaign(db, id);
}

/** Campaigns with their progress, newest first. */
export function listCampaigns(db: Db, includeArchived: boolean): CampaignListItem[] {
  return db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      objective: campaigns.objective,
      status: campaigns.status,
      provider: campaigns.provider,
      archived: campaigns.archived,
      statusReason: campaigns.statusReason,
      updatedAt: campaigns.updatedAt,
      attempts: sql<number>`(select count(*) from call_attempts a where a.campaign_id = ${campaigns.id})`,
      finishedAttempts: sql<number>`(select count(*) from call_attempts a where a.campaign_id = ${campaigns.id}
        and a.state in ('completed', 'no_answer', 'busy', 'voicemail', 'failed', 'cancelled'))`,
      customersCalled: sql<number>`(select count(distinct customer_id) from call_attempts a where a.campaign_id = ${campaigns.id}
        and a.dialed_at is not null)`,
      liveCalls: sql<number>`(select count(*) from call_attempts a where a.campaign_id = ${campaigns.id}
        and a.state in ('dialing', 'ringing', 'in_progress', 'escalated'))`,
    })
    .from(campaigns)
    .where(includeArchived ? undefined : eq(campaigns.archived, false))
    .orderBy(desc(campaigns.updatedAt), desc(campaigns.id))
    .all()
    .map((r) => ({
      ...r,
      objective: r.objective as CampaignListItem['objective'],
      status: r.status as CampaignStatus,
      updatedAt: r.updatedAt.getTime(),
    }));
}
