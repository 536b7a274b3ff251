import { createHmac } from 'node:crypto';
import twilio from 'twilio';

/** A request the fake services make to the app: a tool call, a status or AMD callback, a post-call event. */
export interface Push {
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** What the app answered: TwiML for a `<Dial action>`, nothing much for the rest. */
  onResponse?: (status: number | 'unreachable', text: string) => void;
}

export interface PushRecord {
  label: string;
  url: string;
  body: string;
  at: number;
  /** Wall-clock time it was sent (the fake's clock may be shifted or sped up). */
  sentAt: number;
  /** The signature header it carried (X-Twilio-Signature or ElevenLabs-Signature), to replay it in tests. */
  signature?: string;
  status?: number | 'unreachable';
  response?: string;
}

/**
 * Requests the fake sends out, in order of being due. Twilio signs its callbacks with the account's auth
 * token (X-Twilio-Signature); ElevenLabs signs its workspace webhooks with the webhook's HMAC secret.
 */
export function createOutbox(now: () => number) {
  const queue: Push[] = [];
  const sent: PushRecord[] = [];
  let inFlight = 0;

  const send = async (push: Push) => {
    const record: PushRecord = {
      label: push.label,
      url: push.url,
      body: push.body,
      at: now(),
      sentAt: Date.now(),
    };
    sent.push(record);
    inFlight++;
    try {
      const res = await fetch(push.url, { method: 'POST', headers: push.headers, body: push.body });
      record.status = res.status;
      record.response = await res.text();
    } catch {
      record.status = 'unreachable';
      record.response = '';
    } finally {
      inFlight--;
    }
    push.onResponse?.(record.status, record.response);
  };

  return {
    sent,
    push: (push: Push) => void queue.push(push),
    flush() {
      for (const push of queue.splice(0)) void send(push);
    },
    get idle() {
      return queue.length === 0 && inFlight === 0;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

/** A Twilio webhook: form-encoded, signed over the URL and the fields with the auth token. */
export function twilioCallback(
  label: string,
  url: string,
  params: Record<string, string>,
  authToken: string,
) {
  return {
    label,
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

/** An ElevenLabs workspace webhook: JSON with `ElevenLabs-Signature: t=<unix>,v0=<hex hmac of "t.body">`. */
export function elevenlabsEvent(url: string, secret: string, type: string, data: unknown, at: number) {
  const t = Math.floor(at / 1000);
  const body = JSON.stringify({ type, event_timestamp: t, data });
  return {
    label: `elevenlabs:${type}`,
    url,
    headers: {
      'content-type': 'application/json',
      'elevenlabs-signature': `t=${t},v0=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
    },
    body,
  };
}
