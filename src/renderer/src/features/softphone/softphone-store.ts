import { errorMessage } from '@shared/errors';
import type { Call, Device } from '@twilio/voice-sdk';
import { create } from 'zustand';
import { client, RpcError } from '../../client';

export type SoftphoneStatus = 'off' | 'starting' | 'listening' | 'connected' | 'ended' | 'failed';

export interface Softphone {
  status: SoftphoneStatus;
  /** The call the softphone was readied for. */
  attemptId?: number;
  muted: boolean;
  error?: string;
  /**
   * Readies the softphone for a call about to be taken over: 'softphone' once it is registered and
   * listening, 'text' for calls that are not on a phone line (the simulator). Throws when a real call's
   * softphone cannot start — taking the call over then would leave the customer talking to nobody.
   */
  prepare(attemptId: number, agentName: string): Promise<'softphone' | 'text'>;
  toggleMute(): void;
  /** Drops the agent's audio and unregisters; the call itself is ended through calls.end. */
  release(): void;
}

// One softphone per window, outside React: closing the call panel or changing page must not drop the
// customer (the takeover's <Dial> ends when the agent's leg does).
let device: Device | undefined;
let call: Call | undefined;

/**
 * The agent's browser phone (Twilio Voice SDK). The takeover redirects the customer's call to this
 * client's identity; the softphone answers it at once, since it only ever rings for a takeover.
 */
export const useSoftphone = create<Softphone>((set, get) => ({
  status: 'off',
  muted: false,

  async prepare(attemptId, agentName) {
    const { status, attemptId: busyWith } = get();
    if (busyWith !== undefined && busyWith !== attemptId && ['listening', 'connected'].includes(status)) {
      throw new Error('You are on another call: end it before taking this one');
    }
    let token: string;
    try {
      ({ token } = await client.invoke('softphone.token', { attemptId, agentName }));
    } catch (err) {
      if (err instanceof RpcError && err.code === 'invalid_state') return 'text';
      throw err;
    }
    get().release();
    set({ status: 'starting', attemptId, muted: false, error: undefined });
    const failed = (e: { message: string }) => set({ status: 'failed', error: e.message });
    // Loaded only when a real call is taken over: most sessions never need the SDK.
    const { Device: VoiceDevice, Call: VoiceCall } = await import('@twilio/voice-sdk');
    const options = {
      closeProtection: 'A call is connected to this window. Leave anyway?',
      codecPreferences: [VoiceCall.Codec.Opus, VoiceCall.Codec.PCMU],
      logLevel: 'warn' as const,
      // No call-quality telemetry to Twilio Insights: the CSP allows only the signalling WebSocket.
      publishEvents: false,
    };
    const next = new VoiceDevice(token, options);
    device = next;
    next.on('incoming', (incoming: Call) => {
      call = incoming;
      incoming.on('accept', () => set({ status: 'connected' }));
      incoming.on('mute', (muted: boolean) => set({ muted }));
      incoming.on('disconnect', () => set({ status: 'ended' }));
      incoming.on('error', failed);
      incoming.accept();
    });
    next.on('error', failed);
    next.on('tokenWillExpire', () => {
      // A refused refresh (the call ended, credentials changed) is shown, not left as an unhandled rejection.
      client.invoke('softphone.token', { attemptId, agentName }).then(
        (fresh) => next.updateToken(fresh.token),
        (err: unknown) => {
          if (device === next) failed({ message: errorMessage(err) });
        },
      );
    });
    try {
      await next.register();
    } catch (err) {
      get().release();
      throw new Error(`The softphone could not connect: ${errorMessage(err)}`);
    }
    set({ status: 'listening' });
    return 'softphone';
  },

  toggleMute() {
    if (call) call.mute(!call.isMuted());
  },

  release() {
    call?.disconnect();
    call = undefined;
    device?.destroy();
    device = undefined;
    set({ status: 'off', attemptId: undefined, muted: false, error: undefined });
  },
}));
