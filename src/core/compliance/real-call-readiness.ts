import { and, type SQL, sql } from 'drizzle-orm';
import { renderTemplate } from '../../shared/campaigns/script-template';
import type { Campaign } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../app-context';
import { compileCriteria } from '../audience/compile-criteria';
import { eligibleCondition } from '../audience/eligibility';
import { getCampaign } from '../campaigns/campaign-store';
import type { Db } from '../db/open';
import { customers } from '../db/schema';
import type { VoiceAgentProvider } from '../providers/provider';
import { getSettings } from '../settings/settings-store';

/**
 * What must be true before a campaign may call real people: the simulator calls nobody, so none of
 * this applies to it. Kept apart from the engine so the rules read as one list and are tested alone.
 */

export type ConsentLevel = 'none' | 'verbal' | 'written';

/** Marketing (selling something the customer did not ask about) needs written consent; service calls any. */
const requiredConsent: Record<Campaign['objective'], Exclude<ConsentLevel, 'none'>> = {
  neighborhood_interest: 'written',
  upsell: 'written',
  booking_reminder: 'verbal',
  renewal: 'verbal',
  // A custom objective may be marketing: hold it to the stricter rule.
  custom: 'written',
};

export const consentNeededFor = (objective: Campaign['objective']) => requiredConsent[objective];

/** True when a customer's consent allows a real call for this objective (the engine's dial-time check). */
export function consentAllowsRealCall(objective: Campaign['objective'], consent: string): boolean {
  return requiredConsent[objective] === 'written'
    ? consent === 'written'
    : consent === 'verbal' || consent === 'written';
}

/** The same rule as a condition over `customers`, for selecting the audience of a real campaign. */
export function realCallConsentCondition(objective: Campaign['objective']): SQL {
  return requiredConsent[objective] === 'written'
    ? sql`${customers.consent} = 'written'`
    : sql`${customers.consent} in ('verbal', 'written')`;
}

/** Ways a first message offers to stop the calls; at least one must be there. */
const optOutCues = [
  /\bopt[\s-]?out\b/i,
  /\bunsubscribe\b/i,
  /\bstop (these |our )?calls?\b/i,
  /\bsay (stop|no)\b/i,
  /\b(not|never) (to )?call (you )?again\b/i,
  /\b(do not|don't) call\b/i,
  /\brather not (get|receive|have) these calls\b/i,
  /\bremove(d)? (you |your number )?from (our|the) (call(ing)? )?list\b/i,
];

const normalised = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const withoutEndPunctuation = (text: string) => text.replace(/[.!?\s]+$/, '');

export const offersOptOut = (message: string) => optOutCues.some((cue) => cue.test(message));

/** Ways a voicemail message tells the customer how to reach the caller again. */
const callBackCues = [
  /\bcall (us|me) back\b/i,
  /\bcall back\b/i,
  /\breach (us|me)\b/i,
  /\bcall us (on|at)\b/i,
];
export const offersCallBack = (message: string) => callBackCues.some((cue) => cue.test(message));

export interface ReadinessInput {
  campaign: Pick<Campaign, 'objective' | 'provider' | 'script' | 'criteria'>;
  settings: Pick<
    Settings,
    'companyName' | 'agentName' | 'recordCalls' | 'recordingDisclosure' | 'frequencyCapDays'
  >;
  providerConfigured: boolean;
  now: number;
}

/** What stops a real campaign (problems), and what the supervisor should know as it starts (warnings). */
export interface RealCallReadiness {
  problems: string[];
  warnings: string[];
}

/** Customers the audience selects who will not be called for lack of the consent the objective needs. */
export function customersLackingConsent(
  db: Db,
  campaign: Pick<Campaign, 'objective' | 'criteria'>,
  now: number,
  frequencyCapDays: number,
): number {
  // Customers without any consent are never selected (eligibility); only marketing asks for more.
  if (requiredConsent[campaign.objective] !== 'written') return 0;
  return db.get<{ n: number }>(
    sql`select count(*) as n from customers where ${and(
      compileCriteria(campaign.criteria, now),
      eligibleCondition(now, frequencyCapDays),
      sql`not (${realCallConsentCondition(campaign.objective)})`,
    )}`,
  ).n;
}

/** Demo customers the audience selects: a real campaign leaves them out (their numbers are fictional). */
export function demoCustomersIn(
  db: Db,
  campaign: Pick<Campaign, 'criteria'>,
  now: number,
  frequencyCapDays: number,
): number {
  return db.get<{ n: number }>(
    sql`select count(*) as n from customers where ${and(
      compileCriteria(campaign.criteria, now),
      eligibleCondition(now, frequencyCapDays),
      sql`${customers.demo} = 1`,
    )}`,
  ).n;
}

export const demoSkipWarning = (count: number) =>
  `${count.toLocaleString('en-US')} demo customers left out: their numbers are fictional, and real calls never go to demo customers.`;

/** The warning shown when a real campaign starts (and in its progress) while it skips customers. */
export const consentSkipWarning = (count: number) =>
  `${count.toLocaleString('en-US')} customers skipped: marketing calls need written consent, and they gave only verbal consent.`;

/** Every reason the campaign may not start on the real provider, in words a supervisor can act on. */
export function realCallReadiness(db: Db, input: ReadinessInput): RealCallReadiness {
  const { campaign, settings } = input;
  if (campaign.provider === 'simulator') return { problems: [], warnings: [] };
  const problems: string[] = [];
  if (!input.providerConfigured) {
    problems.push(
      'The ElevenLabs + Twilio provider is not configured: add its credentials in Settings → Providers.',
    );
  }
  // Only the company's own variables are filled: what matters is what every customer hears.
  const firstMessage = normalised(
    renderTemplate(campaign.script.firstMessage, {
      company_name: settings.companyName,
      agent_name: settings.agentName,
      recording_disclosure: settings.recordingDisclosure,
    }),
  );
  if (!firstMessage.includes(normalised(settings.companyName))) {
    problems.push(
      `The first message must say who is calling: include the company name “${settings.companyName}” (or {{company_name}}).`,
    );
  }
  if (!offersOptOut(firstMessage)) {
    problems.push(
      'The first message must offer a way to stop the calls, e.g. “If you would rather not get these calls, just say so and we will not call again.”',
    );
  }
  if (settings.recordCalls) {
    const disclosure = withoutEndPunctuation(normalised(settings.recordingDisclosure));
    if (!firstMessage.includes(disclosure)) {
      problems.push(
        `Calls are recorded, so the first message must include the recording disclosure from Settings: “${settings.recordingDisclosure}” (or {{recording_disclosure}})`,
      );
    }
  }
  // Left on a machine, heard without the conversation: it must name the company and say how to call
  // back or stop the calls on its own.
  const voicemail = normalised(
    renderTemplate(campaign.script.voicemailMessage ?? '', {
      company_name: settings.companyName,
      agent_name: settings.agentName,
      recording_disclosure: settings.recordingDisclosure,
    }),
  );
  // No message is allowed: a machine is then hung up on without one.
  if (voicemail) {
    if (!voicemail.includes(normalised(settings.companyName)))
      problems.push(
        `The voicemail message must say who called: include the company name “${settings.companyName}” (or {{company_name}}).`,
      );
    if (!offersCallBack(voicemail) && !offersOptOut(voicemail))
      problems.push(
        'The voicemail message must say how to call back or stop the calls, e.g. “Call us back on 305 555 0142, or reply stop and we will not call again.”',
      );
  }
  // The engine calls only customers whose consent the objective allows; the others are not a reason to
  // hold the campaign back, but the supervisor should know how many it leaves out.
  const lacking = customersLackingConsent(db, campaign, input.now, settings.frequencyCapDays);
  const demo = demoCustomersIn(db, campaign, input.now, settings.frequencyCapDays);
  const real = db.get<{ n: number }>(
    sql`select count(*) as n from customers where ${and(
      compileCriteria(campaign.criteria, input.now),
      eligibleCondition(input.now, settings.frequencyCapDays),
      sql`${customers.demo} = 0`,
    )}`,
  ).n;
  if (demo > 0 && real === 0)
    problems.push(
      `Every customer this campaign would call is a demo customer (${demo.toLocaleString('en-US')}), with a fictional number: import your real customers first (Customers → Import), or run it on the simulator.`,
    );
  const warnings = [
    ...(lacking > 0 ? [consentSkipWarning(lacking)] : []),
    ...(demo > 0 && real > 0 ? [demoSkipWarning(demo)] : []),
  ];
  return { problems, warnings };
}

/**
 * Stops `campaigns.start` / `campaigns.resume` with the whole list of problems, not just the first;
 * returns the warnings when the campaign may go ahead.
 */
export function assertReadyForRealCalls(context: AppContext, campaignId: number): string[] {
  const campaign = getCampaign(context.db, campaignId);
  if (campaign.provider === 'simulator') return [];
  const provider = context.providers.get(campaign.provider) as
    | (VoiceAgentProvider & { configured?: boolean })
    | undefined;
  const { problems, warnings } = realCallReadiness(context.db, {
    campaign,
    settings: getSettings(context.db),
    providerConfigured: provider !== undefined && provider.configured !== false,
    now: context.clock.now(),
  });
  if (problems.length === 0) return warnings;
  throw new AppError(
    'invalid_state',
    `This campaign cannot call real customers yet:\n• ${problems.join('\n• ')}`,
    problems.map((message) => ({ path: 'campaign', message })),
  );
}
