import { AppError } from '@shared/errors';
import { type ProviderEvent, TransientProviderError, type VoiceAgentProvider } from '../provider';

export const realProviderName = 'elevenlabs-twilio';

export interface SwappableProvider extends VoiceAgentProvider {
  /** Puts `next` behind the stable name, closing the provider it replaces; undefined unconfigures it. */
  replace(next: VoiceAgentProvider | undefined): Promise<void>;
  readonly configured: boolean;
}

/**
 * The real provider under one stable object. The engine subscribes to providers once, when it starts,
 * and looks them up by name when it dials; credentials saved later must reach both, so the engine holds
 * this object and each save swaps what is inside it.
 */
export function createSwappableProvider(): SwappableProvider {
  let current: VoiceAgentProvider | undefined;
  let unsubscribeCurrent: (() => void) | undefined;
  const listeners = new Set<(event: ProviderEvent) => void>();

  const notConfigured =
    'The ElevenLabs + Twilio provider is not configured: add its credentials in Settings → Providers';
  const active = (): VoiceAgentProvider => {
    if (!current) throw new AppError('unavailable', notConfigured);
    return current;
  };
  const forward = (event: ProviderEvent) => {
    for (const listener of listeners) listener(event);
  };

  const replace = async (next: VoiceAgentProvider | undefined) => {
    const previous = current;
    unsubscribeCurrent?.();
    current = next;
    unsubscribeCurrent = next?.subscribe(forward);
    await previous?.close?.();
  };

  return {
    name: realProviderName,
    get configured() {
      return current !== undefined;
    },
    replace,

    // Async throughout: "not configured" must reach the engine as a rejected promise, like any API error.
    // Dialling without credentials is an outage, not a failed call: the engine puts the attempt back
    // unused and probes until credentials are saved, then dials on by itself.
    async placeCall(request) {
      if (!current) throw new TransientProviderError(notConfigured);
      return current.placeCall(request);
    },
    async probe() {
      if (!current) throw new TransientProviderError(notConfigured);
      await current.probe?.();
    },
    getCall: async (callId, attemptId) => active().getCall(callId, attemptId),
    hangUp: async (callId) => active().hangUp(callId),
    takeOver: async (callId, agent) => active().takeOver(callId, agent),
    sendAgentMessage: async (callId, text) => active().sendAgentMessage(callId, text),
    handBack: async (callId, reason) => active().handBack(callId, reason),
    takeoverUnavailableReason: () => current?.takeoverUnavailableReason?.(),
    // Vendor requests for a provider that is not configured (or was replaced) get a clear refusal.
    receiveWebhook: async (hook, firstDelivery) =>
      current?.receiveWebhook
        ? current.receiveWebhook(hook, firstDelivery)
        : { status: 503, contentType: 'text/plain', body: notConfigured },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Present only when the provider inside can answer: the engine treats "no call for this key" as
    // "never placed", which must not be guessed for a provider that cannot tell.
    get findCallByIdempotencyKey() {
      const inner = current;
      const find = inner?.findCallByIdempotencyKey;
      return find
        ? (key: string, to: string, since: number, attemptId: number) =>
            find.call(inner, key, to, since, attemptId)
        : undefined;
    },
    async close() {
      await replace(undefined);
      listeners.clear();
    },
  };
}
