import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import { type Disposition, dispositions } from '@shared/contract/campaigns';
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
/** Navaia's own server tool for a live request for a person (see agent-setup.ts). */
export const requestHumanTool = 'request_human';

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

const toolCallsOf = (conversation: ElevenLabs.GetConversationResponseModel, name: string) =>
  conversation.transcript.flatMap((turn) => (turn.toolCalls ?? []).filter((call) => call.toolName === name));

const paramsOf = (paramsAsJson: string): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(paramsAsJson);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Whether the customer asked for a person, read from a finished conversation: Navaia's `request_human`
 * tool, or a data-collection flag. `transfer_to_agent` is not one: that is one AI agent handing the call
 * to another.
 */
export function humanRequestOf(conversation: ElevenLabs.GetConversationResponseModel): string | undefined {
  const [request] = toolCallsOf(conversation, requestHumanTool);
  if (request) return String(paramsOf(request.paramsAsJson).reason ?? 'The customer asked for a person');
  if (collected(conversation.analysis?.dataCollectionResults, humanFields).some(truthy))
    return 'The customer asked for a person';
  return undefined;
}

/** The message ElevenLabs' voicemail_detection tool left on a machine, if it did (native calls). */
export function voicemailLeftBy(conversation: ElevenLabs.GetConversationResponseModel): string | undefined {
  const [left] = toolCallsOf(conversation, 'voicemail_detection');
  return left ? String(paramsOf(left.paramsAsJson).voicemail_message ?? '') : undefined;
}

/** How an ElevenLabs-placed call that never connected ended, from its failure reason. */
export function unansweredStatusOf(reason: string | undefined): ProviderCallStatus {
  if (!reason) return 'failed';
  if (/busy/i.test(reason)) return 'busy';
  if (/no[-_ ]?answer|not answered|unanswered/i.test(reason)) return 'no_answer';
  return 'failed';
}

/** Twilio prices are negative strings in the account currency ("-0.01300"); unknown until the call ends. */
export const twilioPrice = (price: string | null | undefined): number | undefined => {
  if (price === null || price === undefined || price === '') return undefined;
  const n = Number(price);
  return Number.isFinite(n) ? Math.abs(n) : undefined;
};
