import type { CampaignTemplate } from '../../shared/contract/campaigns';

const optOut = 'If you would rather not get these calls, just say so and we will not call again.';
/** Left on an answering machine: who called, why, and how to call back or stop the calls. */
const voicemail = (about: string) =>
  `Hi {{customer.first_name}}, this is {{agent_name}} from {{company_name}} ${about}. Please call us back when it suits you; if you would rather not get these calls, call back and say so.`;

/**
 * Ready-made campaigns for the four real-estate use cases; each is a starting point to edit. Every first
 * message passes the real-call check as shipped: it names the company, discloses the recording (the
 * disclosure from Settings, which reads as nothing while recording is off) and offers a way out.
 */
export const campaignTemplates: CampaignTemplate[] = [
  {
    id: 'neighborhood-interest',
    name: 'Neighborhood interest',
    description: 'Tell leads interested in a neighborhood about new listings there and offer a viewing.',
    campaign: {
      name: 'Neighborhood interest — new listings',
      objective: 'neighborhood_interest',
      criteria: {
        combinator: 'and',
        rules: [
          { field: 'lifecycleStage', operator: 'in', value: ['lead', 'prospect'] },
          { field: 'interests', operator: 'includesAny', value: ['waterfront', 'downtown', 'new-build'] },
          { field: 'lastContacted', operator: 'notWithinLastDays', value: 14 },
        ],
      },
      script: {
        firstMessage:
          'Hi {{customer.first_name}}, this is {{agent_name}} calling from {{company_name}}. {{recording_disclosure}} We have new homes in {{neighborhood}} that match what you told us you are looking for. Do you have a minute? ' +
          optOut,
        prompt:
          'You are a friendly real-estate assistant. Describe the new listings in {{neighborhood}} briefly, ask about budget and timing, and offer to book a viewing. If the customer asks for a person, say you will connect them.',
        voicemailMessage: voicemail('about new homes in {{neighborhood}}'),
      },
      goal: { conversionDispositions: ['booked_viewing'], valuePerConversion: 450 },
    },
  },
  {
    id: 'booking-reminder',
    name: 'Booking reminder',
    description: 'Remind customers of a viewing in the next two days and confirm or reschedule it.',
    campaign: {
      name: 'Viewing reminders',
      objective: 'booking_reminder',
      criteria: { combinator: 'and', rules: [{ field: 'booking', operator: 'inNextDays', value: 2 }] },
      script: {
        firstMessage:
          'Hello {{customer.first_name}}, this is {{agent_name}} from {{company_name}} with a reminder of your viewing on {{booking.date}} at {{booking.time}}. {{recording_disclosure}} Can you still make it? ' +
          optOut,
        prompt:
          'Confirm the viewing or offer to reschedule. Keep it short. Give the address on request: {{booking.property}}.',
        voicemailMessage: voicemail('about your viewing on {{booking.date}} at {{booking.time}}'),
      },
      retryPolicy: {
        retryOn: ['no_answer', 'busy', 'voicemail', 'failed'],
        delayMinutes: 60,
        maxAttempts: 3,
      },
      goal: { conversionDispositions: ['booked_viewing'], valuePerConversion: 120 },
    },
  },
  {
    id: 'renewal',
    name: 'Renewal',
    description: 'Reach tenants whose lease ends in the next 60 days and offer a renewal.',
    campaign: {
      name: 'Lease renewals',
      objective: 'renewal',
      criteria: {
        combinator: 'and',
        rules: [{ field: 'contractEnds', operator: 'withinNextDays', value: 60 }],
      },
      script: {
        firstMessage:
          'Hi {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. {{recording_disclosure}} Your lease ends on {{contract.end_date}} and we would love to offer you a renewal. Is now a good time? ' +
          optOut,
        prompt: 'Offer the renewal terms, answer questions, and note whether the customer agrees to renew.',
        voicemailMessage: voicemail('about renewing your lease, which ends on {{contract.end_date}}'),
      },
      goal: { conversionDispositions: ['renewal_agreed'], valuePerConversion: 1200 },
    },
  },
  {
    id: 'upsell',
    name: 'Upsell',
    description: 'Offer property management or an upgrade to customers with high lifetime value.',
    campaign: {
      name: 'Premium management upsell',
      objective: 'upsell',
      criteria: {
        combinator: 'and',
        rules: [
          { field: 'lifecycleStage', operator: '=', value: 'customer' },
          { field: 'lifetimeValue', operator: '>=', value: 20000 },
        ],
      },
      script: {
        firstMessage:
          'Hello {{customer.first_name}}, {{agent_name}} here from {{company_name}}. {{recording_disclosure}} As one of our valued clients we would like to tell you about our premium management service. Do you have two minutes? ' +
          optOut,
        prompt:
          'Explain the premium service in two sentences, handle objections politely, and offer a follow-up call.',
        voicemailMessage: voicemail('about our premium management service'),
      },
      goal: { conversionDispositions: ['upsell_accepted'], valuePerConversion: 900 },
    },
  },
];
