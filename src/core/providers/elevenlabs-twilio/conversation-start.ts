import { createHmac } from 'node:crypto';
import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import type { PlaceCallRequest } from '../provider';

/** Dynamic variables Navaia sets on every conversation; the attempt's is how a conversation is found. */
export const attemptVariable = 'navaia_attempt_id';
export const idempotencyVariable = 'navaia_idempotency_key';
/** For the voicemail_detection system tool of native calls: `{{navaia_voicemail_message}}`. */
export const voicemailVariable = 'navaia_voicemail_message';
/**
 * The per-call token the agent's tools send back in a header. `secret__` variables are only used in
 * headers and never shown to the LLM (ElevenLabs' dynamic variables docs), so the tool setup on the agent
 * holds no secret at all: the token is an HMAC of the attempt id with Navaia's own tool secret.
 */
export const toolTokenVariable = 'secret__navaia_tool_token';

export function toolTokenOf(toolSecret: string, attemptId: string | number): string {
  return createHmac('sha256', toolSecret).update(`navaia-tool:${attemptId}`).digest('base64url');
}

/** ElevenLabs dynamic variables are `[A-Za-z0-9_]` names: `customer.first_name` → `customer_first_name`. */
export function dynamicVariablesOf(
  request: PlaceCallRequest,
  toolSecret?: string,
): Record<string, string | number> {
  const variables: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(request.variables))
    variables[name.replace(/[^A-Za-z0-9_]/g, '_')] = value;
  // Still set for agents whose own first message is `{{first_message}}`; the override is what counts.
  variables.first_message = request.firstMessage;
  // Text, not a number: conversations are found by `navaia_attempt_id:eq:<id>`, whose value is text.
  variables[attemptVariable] = String(request.attemptId);
  variables[idempotencyVariable] = request.idempotencyKey;
  variables[voicemailVariable] = request.voicemailMessage ?? '';
  if (toolSecret) variables[toolTokenVariable] = toolTokenOf(toolSecret, request.attemptId);
  return variables;
}

/**
 * The client data a conversation starts with, for register-call and outbound-call alike: the first
 * message and the instructions as a conversation override (spoken only if the agent allows overrides
 * of both — Test connection checks), and the customer's data as dynamic variables.
 */
export function conversationStartOf(
  request: PlaceCallRequest,
  options: { toolSecret?: string; firstMessage?: string; prompt?: string } = {},
): ElevenLabs.ConversationInitiationClientDataRequestInput {
  const prompt = options.prompt ?? request.prompt ?? '';
  return {
    conversationConfigOverride: {
      agent: {
        firstMessage: options.firstMessage ?? request.firstMessage,
        ...(prompt.trim() ? { prompt: { prompt } } : {}),
      },
    },
    dynamicVariables: dynamicVariablesOf(request, options.toolSecret),
  };
}
