import type { Campaign, CampaignSettings, CampaignTemplate } from '@shared/contract/campaigns';

export const objectiveLabels: Record<CampaignSettings['objective'], string> = {
  neighborhood_interest: 'Neighborhood interest',
  booking_reminder: 'Booking reminder',
  renewal: 'Renewal',
  upsell: 'Upsell',
  custom: 'Custom',
};

/** A complete set of campaign settings for a new blank campaign; templates override parts of it. */
export const blankCampaign: CampaignSettings = {
  name: 'New campaign',
  objective: 'custom',
  provider: 'simulator',
  criteria: { combinator: 'and', rules: [] },
  script: {
    agentId: '',
    firstMessage:
      'Hi {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. {{recording_disclosure}} If you would rather not get these calls, just say so.',
    prompt: '',
    voicemailMessage:
      'Hi {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. Please call us back when it suits you. If you would rather not get these calls, call us back and say so.',
  },
  callerNumber: null,
  schedule: {
    startAt: null,
    endAt: null,
    daysOfWeek: [1, 2, 3, 4, 5, 6],
    dailyWindow: { start: '09:00', end: '20:00' },
  },
  pacing: { maxConcurrent: 10, maxPerMinute: 30 },
  retryPolicy: { retryOn: ['no_answer', 'busy', 'voicemail', 'failed'], delayMinutes: 120, maxAttempts: 3 },
  goal: { conversionDispositions: ['booked_viewing'], valuePerConversion: 0 },
  costs: { telephonyPerMinute: 0.014, aiPerMinute: 0.08, perCall: 0, fixed: 0 },
};

export function fromTemplate(template: CampaignTemplate): CampaignSettings {
  const t = template.campaign;
  return {
    ...blankCampaign,
    name: t.name,
    objective: t.objective,
    criteria: t.criteria,
    script: { ...blankCampaign.script, ...t.script },
    ...(t.retryPolicy ? { retryPolicy: { ...blankCampaign.retryPolicy, ...t.retryPolicy } } : {}),
    ...(t.goal ? { goal: { ...blankCampaign.goal, ...t.goal } } : {}),
  } as CampaignSettings;
}

/** The editable part of a stored campaign. */
export function settingsOf(campaign: Campaign): CampaignSettings {
  const {
    id: _id,
    status: _s,
    archived: _a,
    createdAt: _c,
    updatedAt: _u,
    startedAt: _st,
    endedAt: _e,
    statusReason: _r,
    ...settings
  } = campaign;
  return settings;
}

/** What each card of the editor gets: the form, a way to change part of it, and the host's problems by field. */
export interface EditorSectionProps {
  form: CampaignSettings;
  update: (patch: Partial<CampaignSettings>) => void;
  errorAt: (path: string) => string | undefined;
}
