import type { Call, Device } from '@twilio/voice-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { client, RpcError } from '../../client';

export type SoftphoneStatus = 'off' | 'starting' | 'listening' | 'connected' | 'ended' | 'failed';

export interface SoftphoneState {
  status: SoftphoneStatus;
  muted: boolean;
  error?: string;
}

export interface Softphone extends SoftphoneState {
  /**
   * Readies the softphone for a call about to be taken over: 'softphone' once it is registered and
   * listening, 'text' for calls that are not on a phone line (the simulator). Throws when a real call's
   * softphone cannot start — taking the call over then would leave the customer talking to nobody.
   */
  prepare(attemptId: number): Promise<'softphone' | 'text'>;
  toggleMute(): void;
  /** Drops the agent's audio and unregisters; the call itself is ended through calls.end. */
  release(): void;
}

/**
 * The agent's browser phone (Twilio Voice SDK). The takeover redirects the customer's call to this
 * client's identity; the softphone answers it at once, since it only ever rings for a takeover.
 */
export function useSoftphone(): Softphone {
  const [state, setState] = useState<SoftphoneState>({ status: 'off', muted: false });
  const device = useRef<Device>(undefined);
  const call = useRef<Call>(undefined);

  const release = useCallback(() => {
    call.current?.disconnect();
    call.current = undefined;
    device.current?.destroy();
    device.current = undefined;
    setState({ status: 'off', muted: false });
  }, []);

  useEffect(() => release, [release]);

  const prepare = useCallback(
    async (attemptId: number): Promise<'softphone' | 'text'> => {
      let token: string;
      try {
        ({ token } = await client.invoke('softphone.token', { attemptId }));
      } catch (err) {
        if (err instanceof RpcError && err.code === 'invalid_state') return 'text';
        throw err;
      }
      release();
      setState({ status: 'starting', muted: false });
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
      device.current = next;
      next.on('incoming', (incoming: Call) => {
        call.current = incoming;
        incoming.on('accept', () => setState((s) => ({ ...s, status: 'connected' })));
        incoming.on('mute', (muted: boolean) => setState((s) => ({ ...s, muted })));
        incoming.on('disconnect', () => setState((s) => ({ ...s, status: 'ended' })));
        incoming.on('error', (e: { message: string }) =>
          setState((s) => ({ ...s, status: 'failed', error: e.message })),
        );
        incoming.accept();
      });
      next.on('error', (e: { message: string }) =>
        setState((s) => ({ ...s, status: 'failed', error: e.message })),
      );
      next.on('tokenWillExpire', () => {
        void client.invoke('softphone.token', { attemptId }).then((fresh) => next.updateToken(fresh.token));
      });
      try {
        await next.register();
      } catch (err) {
        release();
        throw new Error(
          `The softphone could not connect: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      setState({ status: 'listening', muted: false });
      return 'softphone';
    },
    [release],
  );

  const toggleMute = useCallback(() => {
    const current = call.current;
    if (current) current.mute(!current.isMuted());
  }, []);

  return { ...state, prepare, toggleMute, release };
}
