import type { IncomingMessage } from 'node:http';

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON body (ElevenLabs) or form fields (Twilio; a repeated field keeps its last value, see `form`). */
  body: Record<string, unknown>;
  /** Twilio's form fields with repeats (StatusCallbackEvent). */
  form: URLSearchParams;
  at: number;
  /** 'no answer, done': the request hung but its work (e.g. placing the call) was done. */
  answeredWith?: number | 'no answer' | 'no answer, done';
}

export type Reply = { status: number; json?: unknown; text?: string; headers?: Record<string, string> };

export const json = (status: number, body: unknown): Reply => ({ status, json: body });
