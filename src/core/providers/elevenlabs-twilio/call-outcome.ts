import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import { type Disposition, dispositions } from '../../../shared/contract/campaigns';
import type { ProviderCallStatus } from '../provider';

/** Twilio call statuses (and answering-machine detection) in Navaia's terms. */
export function navaiaStatusOfTwilio(status: string, answeredBy?: string | null): ProviderCallStatus {
  if (answeredBy?.startsWith('machine') || answeredBy === 'fax') {
    // Answered by a machine: the call is live until it ends, but it will end as a voicemail.
    return status === 'in-progress' || status === 'completed' ? 'voicemail' : mapStatus(status);
  }
  return mapStatus(status);
}

const mapStatus = (status: string): ProviderCallStatus => {
  switch (status) {
    case 'queued':
    case 'initiated':
      return 'queued';
    case 'ringing':
      return 'ringing';
    case 'in-progress':
      return 'in_progress';
    case 'completed':
      return 'completed';
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no_answer';
    case 'canceled':
      return 'cancelled';
    default:
      return 'failed';
  }
};

const positive: ReadonlySet<string> = new Set([
  'booked_viewing',
  'interested',
  'renewal_agreed',
  'upsell_accepted',
]);
export const isPositiveDisposition = (d: string) => positive.has(d);

// Said by the customer, any of these is a request not to be called again (TCPA, GDPR objection).
const optOutPhrases = [
  /\b(stop|quit) calling\b/i,
  /\bdo ?n[o']t call\b/i,
  /\bdon'?t (ever )?call me\b/i,
  /\bremove (me|my number)\b/i,
  /\btake me off\b/i,
  /\bput me on (your|the) do[- ]not[- ]call\b/i,
  /\bunsubscribe\b/i,
  /^\s*stop[.!]?\s*$/i,
];
export const isOptOut = (text: string) => optOutPhrases.some((p) => p.test(text));

const dispositionFields = ['disposition', 'outcome', 'call_outcome', 'result'];
const humanFields = ['wants_human', 'human_requested', 'escalate', 'escalate_to_human', 'needs_human'];
const transferTools = /transfer|human|escalat/i;

const normalise = (value: unknown) =>
  String(value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const truthy = (value: unknown) => value === true || ['true', 'yes', '1'].includes(normalise(value));

type DataCollection = NonNullable<
  NonNullable<ElevenLabs.GetConversationResponseModel['analysis']>['dataCollectionResults']
>;

const collected = (results: DataCollection | undefined, names: string[]): unknown[] =>
  names.flatMap((name) => {
    const result = results?.[name];
    return result && result.value !== undefined && result.value !== null ? [result.value] : [];
  });

/**
 * Navaia's disposition of a finished conversation: an opt-out said by the customer wins (the engine
 * then adds the number to the do-not-call list); then a data-collection field (`disposition`,
 * `outcome` …) holding one of Navaia's dispositions; then the agent's own success evaluation.
 */
export function dispositionOf(conversation: ElevenLabs.GetConversationResponseModel): Disposition {
  const customerSaid = conversation.transcript.filter((t) => t.role === 'user').map((t) => t.message ?? '');
  if (customerSaid.some(isOptOut)) return 'do_not_call_request';
  const results = conversation.analysis?.dataCollectionResults;
  for (const value of collected(results, dispositionFields)) {
    const candidate = normalise(value);
    if ((dispositions as readonly string[]).includes(candidate)) return candidate as Disposition;
  }
  switch (conversation.analysis?.callSuccessful) {
    case 'success':
      return 'interested';
    case 'failure':
      return 'not_interested';
    default:
      return 'no_decision';
  }
}

/** Why the agent handed the call to a human, if it did: a transfer tool call or a data-collection flag. */
export function escalationReasonOf(
  conversation: ElevenLabs.GetConversationResponseModel,
): string | undefined {
  for (const turn of conversation.transcript) {
    const transfer = turn.toolCalls?.find((call) => transferTools.test(call.toolName));
    if (transfer) return `The agent called ${transfer.toolName}`;
  }
  if (collected(conversation.analysis?.dataCollectionResults, humanFields).some(truthy))
    return 'The customer asked for a human';
  return undefined;
}

/** Twilio prices are negative strings in the account currency ("-0.01300"); unknown until the call ends. */
export const twilioPrice = (price: string | null | undefined): number | undefined => {
  if (price === null || price === undefined || price === '') return undefined;
  const n = Number(price);
  return Number.isFinite(n) ? Math.abs(n) : undefined;
};
