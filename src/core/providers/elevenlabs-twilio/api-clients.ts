import { ElevenLabsClient, ElevenLabsError, ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js';
import { ProviderError } from '@shared/errors';
import twilio from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient';
import { TransientProviderError } from '../provider';
import type { ElevenLabsTwilioConfig, ProviderEndpoints } from './config';

export type TwilioClient = ReturnType<typeof twilio>;

/** How long one API request may take before it counts as a timeout (and is retried by the engine). */
export const defaultRequestTimeoutMs = 10_000;

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EPIPE',
]);
const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Twilio's SDK has no base-URL option, so requests go through this client: it moves every request to
 * `baseUrl` (the local fake in tests), and turns 429/5xx and network failures into
 * TransientProviderError while the headers (Retry-After) are still at hand — RestException drops them.
 */
class NavaiaTwilioRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string | undefined,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, autoRetry: false });
  }

  override async request<TData>(opts: TwilioRequestClient.RequestOptions<TData>) {
    const target = this.baseUrl ? rebase(opts.uri, this.baseUrl) : opts.uri;
    let response: Awaited<ReturnType<TwilioRequestClient['request']>>;
    try {
      response = await super.request<TData>({ ...opts, uri: target });
    } catch (err) {
      throw classifyNetworkError('Twilio', err);
    }
    const status = response.statusCode;
    if (status === 429 || status >= 500) {
      const retryAfter = headerOf(response.headers, 'retry-after');
      throw new TransientProviderError(
        `Twilio answered ${status}${status === 429 ? ' Too Many Requests' : ''}`,
        parseRetryAfter(retryAfter),
      );
    }
    return response as Awaited<ReturnType<TwilioRequestClient['request']>> & { body: TData };
  }
}

const headerOf = (headers: unknown, name: string): string | undefined => {
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>))
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  return undefined;
};

const rebase = (uri: string, baseUrl: string) => {
  const original = new URL(uri);
  const base = new URL(baseUrl);
  original.protocol = base.protocol;
  original.host = base.host;
  return original.toString();
};

function classifyNetworkError(service: string, err: unknown): Error {
  const code = (err as { code?: string }).code;
  if (code && timeoutCodes.has(code)) return new TransientProviderError(`${service} did not answer in time`);
  if (code && networkCodes.has(code))
    return new TransientProviderError(`${service} is unreachable (${code})`);
  return err instanceof Error ? err : new Error(String(err));
}

export function createTwilioClient(
  config: ElevenLabsTwilioConfig['twilio'],
  endpoints: ProviderEndpoints = {},
  timeoutMs = defaultRequestTimeoutMs,
): TwilioClient {
  const httpClient = new NavaiaTwilioRequestClient(endpoints.twilioBaseUrl, timeoutMs);
  // Twilio prefers an API key for apps; the auth token works too.
  const [username, password] =
    config.apiKeySid && config.apiKeySecret
      ? [config.apiKeySid, config.apiKeySecret]
      : [config.accountSid, config.authToken ?? ''];
  return twilio(username, password, { accountSid: config.accountSid, httpClient });
}

export function createElevenLabsClient(
  config: ElevenLabsTwilioConfig['elevenlabs'],
  endpoints: ProviderEndpoints = {},
  timeoutMs = defaultRequestTimeoutMs,
): ElevenLabsClient {
  return new ElevenLabsClient({
    apiKey: config.apiKey,
    ...(endpoints.elevenlabsBaseUrl ? { baseUrl: endpoints.elevenlabsBaseUrl } : {}),
    // The engine owns retries (with backoff and reconciliation); the SDK must not retry on its own.
    maxRetries: 0,
    timeoutInSeconds: Math.ceil(timeoutMs / 1000),
  });
}

/** An HTTP status from either SDK's error, if the failure was an HTTP answer. */
export function httpStatusOf(err: unknown): number | undefined {
  if (err instanceof ElevenLabsError) return err.statusCode;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * ElevenLabs failures in the engine's terms: timeouts, 429 (with Retry-After), 5xx and network errors
 * are transient; the rest (401, 404, 422 …) are not.
 */
export function classifyElevenLabsError(err: unknown): Error {
  if (err instanceof TransientProviderError) return err;
  if (err instanceof ElevenLabsTimeoutError)
    return new TransientProviderError('ElevenLabs did not answer in time');
  if (err instanceof ElevenLabsError) {
    const status = err.statusCode;
    if (status === undefined) {
      const cause = (err as { cause?: unknown }).cause;
      // The SDK's own timeout aborts the fetch and surfaces as a status-less error with reason "timeout".
      if (cause === 'timeout' || /timeout|timed out/i.test(err.message))
        return new TransientProviderError('ElevenLabs did not answer in time');
      return new TransientProviderError(
        `ElevenLabs is unreachable${cause instanceof Error ? ` (${cause.message})` : ''}`,
      );
    }
    if (status === 429 || status >= 500) {
      const retryAfter = err.rawResponse?.headers?.get?.('retry-after');
      return new TransientProviderError(
        `ElevenLabs answered ${status}${status === 429 ? ' Too Many Requests' : ''}`,
        parseRetryAfter(retryAfter),
      );
    }
    return new ProviderError(`ElevenLabs answered ${status}: ${describeBody(err.body)}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

const describeBody = (body: unknown): string => {
  if (body && typeof body === 'object' && 'detail' in body) {
    const detail = (body as { detail: unknown }).detail;
    if (typeof detail === 'string') return detail;
    if (detail && typeof detail === 'object' && 'message' in detail) return String(detail.message);
  }
  return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? null).slice(0, 200);
};

/** Runs an ElevenLabs request, translating its failures (see classifyElevenLabsError). */
export async function elevenlabsCall<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw classifyElevenLabsError(err);
  }
}
