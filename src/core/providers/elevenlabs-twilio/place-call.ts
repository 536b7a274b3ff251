import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { ProviderError } from '@shared/errors';
import type { Clock } from '../../clock/clock';
import { twilioCallbackUrl, webhookPaths } from '../../webhooks/webhook-paths';
import type { PlaceCallRequest } from '../provider';
import { elevenlabsCall, type TwilioClient } from './api-clients';
import { type ElevenLabsTwilioConfig, publicUrlOf } from './config';
import { conversationStartOf } from './conversation-start';

/** Twilio callback URLs stay valid this long after the call is placed (longer than any call). */
const callbackLifetimeMs = 6 * 3_600_000;

/**
 * Placing a call: through ElevenLabs' outbound-call (native: its machine detection on, its voicemail
 * tool leaves the message), or register-call then Twilio's Calls API (own-twilio: detection in the
 * background, and — with a public URL and the auth token to check them — Twilio's callbacks).
 */
export function createCallPlacer(deps: {
  config: ElevenLabsTwilioConfig;
  clock: Clock;
  twilio: TwilioClient;
  elevenlabs: ElevenLabsClient;
  ringTimeoutSeconds: number;
  registerTwiml(request: PlaceCallRequest, from: string): Promise<string>;
  agentOf(request: Pick<PlaceCallRequest, 'agentId'>): string;
}) {
  const publicUrl = publicUrlOf(deps.config);
  const toolSecret = deps.config.webhooks?.toolSecret;
  // Twilio signs its callbacks with the auth token: without it they could not be checked, so none are asked for.
  const twilioCallbacks = Boolean(publicUrl && deps.config.twilio.authToken);

  const placeNative = async (request: PlaceCallRequest) => {
    const reply = await elevenlabsCall(() =>
      deps.elevenlabs.conversationalAi.twilio.outboundCall({
        agentId: deps.agentOf(request),
        agentPhoneNumberId: deps.config.elevenlabs.phoneNumberId,
        toNumber: request.to,
        conversationInitiationClientData: conversationStartOf(request, { toolSecret }),
        telephonyCallConfig: {
          ringingTimeoutSecs: deps.ringTimeoutSeconds,
          // ElevenLabs' own answering-machine detection; its voicemail_detection tool leaves the message.
          twilioMachineDetection: { mode: 'detect_message_end' },
        },
      }),
    );
    if (!reply.success || !reply.callSid)
      throw new ProviderError(`ElevenLabs did not place the call: ${reply.message}`);
    return { callSid: reply.callSid, conversationId: reply.conversationId };
  };

  const placeOwn = async (request: PlaceCallRequest, from: string) => {
    const twiml = await deps.registerTwiml(request, from);
    const expires = deps.clock.now() + callbackLifetimeMs;
    const callbackUrl = (path: string) =>
      twilioCallbackUrl(publicUrl ?? '', path, request.attemptId, expires);
    const created = await deps.twilio.calls.create({
      to: request.to,
      from,
      twiml,
      timeout: deps.ringTimeoutSeconds,
      // In the background: the customer hears the agent at once; a machine's verdict comes after its beep.
      machineDetection: 'DetectMessageEnd',
      asyncAmd: 'true',
      ...(twilioCallbacks
        ? {
            asyncAmdStatusCallback: callbackUrl(webhookPaths.twilioAmd),
            asyncAmdStatusCallbackMethod: 'POST',
            statusCallback: callbackUrl(webhookPaths.twilioStatus),
            statusCallbackEvent: ['answered', 'completed'],
            statusCallbackMethod: 'POST',
          }
        : {}),
    });
    return created.sid;
  };

  return { placeNative, placeOwn };
}
