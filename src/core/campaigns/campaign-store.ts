import { eq } from 'drizzle-orm';
import { finalAttemptStates, liveAttemptStates } from '../../shared/calls/attempt-states';
import { defaultConversions } from '../../shared/campaigns/dispositions';
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
import { plainIssueMessage } from '../../shared/validation/plain-issues';
import { assertAudienceUsable } from '../audience/check-criteria';
import { readPhone } from '../customers/import/read-phone';
import type { Db } from '../db/open';
import { campaigns } from '../db/schema';
import { getSettings } from '../settings/settings-store';

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

/** The caller number read like every other phone field (the default region for a national number), in E.164. */
function withCallerNumberInE164(db: Db, settings: CampaignSettings): CampaignSettings {
  if (!settings.callerNumber) return { ...settings, callerNumber: null };
  const region = getSettings(db).defaultRegion;
  const phone = readPhone(settings.callerNumber, region);
  if (phone.ok) return { ...settings, callerNumber: phone.e164 };
  const message = `“${settings.callerNumber}” is not a phone number: write it like +1 305 555 0142, or (305) 555-0142 in ${region}`;
  throw new AppError('invalid_input', `Caller number: ${message}`, [{ path: 'callerNumber', message }]);
}

export function createCampaign(db: Db, input: CampaignInput, now: number): Campaign {
  const settings: CampaignSettings = withCallerNumberInE164(
    db,
    campaignInputSchema.parse(input, { error: plainIssueMessage }),
  );
  assertAudienceUsable(db, settings.criteria, now);
  // Without a goal, a campaign converts on its objective's own success (an upsell on an accepted offer).
  if (!input.goal?.conversionDispositions)
    settings.goal = { ...settings.goal, conversionDispositions: [...defaultConversions[settings.objective]] };
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
  const next = withCallerNumberInE164(
    db,
    campaignInputSchema.parse({ ...current, ...changes }, { error: plainIssueMessage }),
  );
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

/** A draft that was never used goes for good; anything that ran keeps its history and can be archived. */
export function deleteCampaign(db: Db, id: number): void {
  const current = getCampaign(db, id);
  if (current.status !== 'draft') {
    throw new AppError(
      'invalid_state',
      `Only a draft can be deleted; this campaign is ${current.status} — archive it to hide it from the list`,
    );
  }
  db.delete(campaigns).where(eq(campaigns.id, id)).run();
}

/** SQL lists of attempt states; constants from the state table, never user input. */
const stateList = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ');

/**
 * Campaigns with their progress, newest first. Each figure is counted over that campaign's own
 * attempts (the subqueries name the outer campaign by its alias: an unqualified `id` inside them is the
 * attempt's own id, which once made every campaign show 1).
 */
export function listCampaigns(db: Db, includeArchived: boolean): CampaignListItem[] {
  const rows = db.$client
    .prepare(
      `select c.id, c.name, c.objective, c.status, c.provider, c.archived, c.status_reason as statusReason,
        c.updated_at as updatedAt,
        (select count(*) from call_attempts a where a.campaign_id = c.id) as attempts,
        (select count(*) from call_attempts a where a.campaign_id = c.id
          and a.state in (${stateList(finalAttemptStates)})) as finishedAttempts,
        (select count(distinct a.customer_id) from call_attempts a where a.campaign_id = c.id
          and a.dialed_at is not null) as customersCalled,
        (select count(*) from call_attempts a where a.campaign_id = c.id
          and a.state in (${stateList(liveAttemptStates)})) as liveCalls
      from campaigns c
      where ? = 1 or c.archived = 0
      order by c.updated_at desc, c.id desc`,
    )
    .all(includeArchived ? 1 : 0) as (Omit<CampaignListItem, 'archived'> & { archived: number })[];
  return rows.map((r) => ({ ...r, archived: r.archived === 1 }));
}
