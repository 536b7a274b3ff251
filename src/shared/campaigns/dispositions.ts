import type { CampaignSettings, Disposition } from '../contract/campaigns';

type Objective = CampaignSettings['objective'];

/** Outcomes any call can have, whatever it was about. */
const common: Disposition[] = [
  'interested',
  'callback_requested',
  'not_interested',
  'wrong_number',
  'do_not_call_request',
  'no_decision',
];

/**
 * The outcomes an agent may record for a call, by what the campaign is for: an upsell call cannot
 * "book a viewing", a renewal call cannot "accept an upsell". The first is the campaign's own success.
 */
export const dispositionsByObjective: Record<Objective, readonly Disposition[]> = {
  neighborhood_interest: ['booked_viewing', ...common],
  booking_reminder: ['booked_viewing', ...common.filter((d) => d !== 'interested')],
  renewal: ['renewal_agreed', ...common],
  upsell: ['upsell_accepted', ...common],
  custom: ['booked_viewing', 'renewal_agreed', 'upsell_accepted', ...common],
};

export const dispositionAllowed = (objective: Objective, disposition: string): boolean =>
  (dispositionsByObjective[objective] as readonly string[]).includes(disposition);

/** What counts as a conversion when the supervisor has not said: the objective's own success. */
export const defaultConversions: Record<Objective, Disposition[]> = {
  neighborhood_interest: ['booked_viewing'],
  booking_reminder: ['booked_viewing'],
  renewal: ['renewal_agreed'],
  upsell: ['upsell_accepted'],
  custom: ['booked_viewing'],
};

const labels: Record<Disposition, string> = {
  booked_viewing: 'Booked a viewing',
  interested: 'Interested',
  callback_requested: 'Wants a call back',
  not_interested: 'Not interested',
  wrong_number: 'Wrong number',
  do_not_call_request: 'Asked not to be called again',
  renewal_agreed: 'Agreed to renew',
  upsell_accepted: 'Accepted the offer',
  no_decision: 'No decision yet',
};

/** How a disposition reads on screen; a reminder's "booked viewing" is a viewing kept. */
export function dispositionLabel(disposition: string, objective?: Objective): string {
  if (objective === 'booking_reminder' && disposition === 'booked_viewing') return 'Viewing confirmed';
  return labels[disposition as Disposition] ?? disposition.replaceAll('_', ' ');
}
