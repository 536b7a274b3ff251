import type { CampaignStatus } from '../contract/campaigns';

/**
 * Every move a campaign may make, and nothing else. `running ⇄ paused` is the supervisor's pause and
 * resume; `scheduled` waits for its start time; completed and cancelled are final.
 */
export const campaignTransitions: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'running', 'cancelled'],
  scheduled: ['draft', 'running', 'cancelled'],
  running: ['paused', 'completed', 'cancelled'],
  paused: ['running', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const canTransition = (from: CampaignStatus, to: CampaignStatus): boolean =>
  campaignTransitions[from].includes(to);

/** Settings may change while nothing is dialling. */
export const isEditable = (status: CampaignStatus): boolean =>
  status === 'draft' || status === 'scheduled' || status === 'paused';
