import type { campaignMethods } from '../../shared/contract/campaigns';
import type { HandlersOf } from '../../shared/contract/define';
import type { AppContext } from '../app-context';
import { getSettings } from '../settings/settings-store';
import { campaignAttempts, campaignSummary } from './campaign-report';
import {
  archiveCampaign,
  createCampaign,
  deleteCampaign,
  duplicateCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from './campaign-store';
import { previewScript } from './preview-script';
import { campaignTemplates } from './templates';
import { transitionCampaign } from './transition-campaign';

export function campaignHandlers(context: AppContext): HandlersOf<typeof campaignMethods> {
  const { db, clock } = context;
  const publish = (campaign: { id: number; status: string }) => {
    context.bus.publish('campaign.changed', { campaignId: campaign.id, status: campaign.status });
    return campaign;
  };
  return {
    'campaigns.list': ({ includeArchived }) => listCampaigns(db, includeArchived),
    'campaigns.get': ({ id }) => getCampaign(db, id),
    'campaigns.create': (input) => {
      const created = createCampaign(db, input, clock.now());
      publish(created);
      return created;
    },
    'campaigns.update': ({ id, changes }) => {
      const updated = updateCampaign(db, id, changes, clock.now());
      publish(updated);
      return updated;
    },
    'campaigns.duplicate': ({ id }) => {
      const copy = duplicateCampaign(db, id, clock.now());
      publish(copy);
      return copy;
    },
    'campaigns.archive': ({ id, archived }) => {
      const campaign = archiveCampaign(db, id, archived, clock.now());
      publish(campaign);
      return campaign;
    },
    'campaigns.delete': ({ id }) => {
      deleteCampaign(db, id);
      context.bus.publish('campaign.changed', { campaignId: id, status: 'deleted' });
      return { deleted: true as const };
    },
    'campaigns.templates': () => campaignTemplates,
    'campaigns.summary': ({ id }) => campaignSummary(db, id),
    'campaigns.attempts': ({ id }) => campaignAttempts(db, id),
    'campaigns.requestStatus': ({ id, status }) => {
      const changed = transitionCampaign(db, id, status, clock.now());
      publish({ id, status: changed.status });
      return { status: changed.status };
    },
    'campaigns.previewScript': ({ script, customerId }) => {
      const { agentName, companyName } = getSettings(db);
      return previewScript(db, script, customerId, { now: clock.now(), agentName, companyName });
    },
  };
}
