import type { CampaignProgress } from '../../shared/contract/calls';
import type { ProviderOutage } from './provider-health';

const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const inWords = (ms: number) => {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
};

/**
 * Why a running campaign is not placing calls right now, for the supervisor: the provider cannot be
 * reached, or everyone left is waiting — for their local calling hours or for a retry's delay.
 */
/** Customers held because nobody knows their time zone: the supervisor can say where they live. */
export const unknownZoneNotice = (count: number) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? 'customer waits' : 'customers wait'}: their time zone is unknown. Import their state, city or postal code (or a time zone) to call them; nobody is called on a guess.`;

export function waitingReasonOf(state: {
  status: string;
  /** Queued attempts of customers whose time zone is unknown. */
  unknownZone: number;
  provider: string;
  outage: ProviderOutage | undefined;
  live: number;
  queued: number;
  /** Whether some queued attempt is due now (then the campaign is only pacing itself, not waiting). */
  dueNow: boolean;
  /** The queued attempt due soonest among those not due yet. */
  earliest: { notBefore: number; attemptNumber: number } | undefined;
  now: number;
}): Pick<CampaignProgress, 'waitingReason' | 'waitingMessage'> {
  const { outage, now } = state;
  if (state.status !== 'running') return { waitingReason: null, waitingMessage: null };
  if (outage) {
    return {
      waitingReason: 'provider_unreachable',
      waitingMessage: `The ${state.provider} provider cannot be reached (since ${clockTime(outage.since)} UTC: ${outage.lastError}). New calls wait; no customer's attempt is used up. Next check in ${inWords(outage.nextProbeAt - now)}.`,
    };
  }
  // Waiting only if nothing is live and every queued attempt is for later.
  if (state.live > 0 || state.dueNow || !state.earliest) return { waitingReason: null, waitingMessage: null };
  if (state.unknownZone === state.queued)
    return { waitingReason: 'time_zone_unknown', waitingMessage: unknownZoneNotice(state.unknownZone) };
  const wait = inWords(state.earliest.notBefore - now);
  return state.earliest.attemptNumber > 1
    ? {
        waitingReason: 'waiting_for_retries',
        waitingMessage: `Waiting to retry unanswered calls: the next is due in ${wait}.`,
      }
    : {
        waitingReason: 'outside_calling_hours',
        waitingMessage: `Customers left to call are outside their calling hours: the next call is in ${wait}.`,
      };
}
