import pino from 'pino';

/** The subset of pino that core uses, so tests can pass a silent or recording logger. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/**
 * Keys whose values are never written to logs, wherever they appear in a logged object: provider
 * credentials must not leak through an error that carries a request's options.
 */
export const redactedKeys = [
  'apiKey',
  'apiSecret',
  'apiKeySecret',
  'authToken',
  'accessToken',
  'credentials',
  'token',
  'secret',
  'password',
  'webhookSecret',
  'xi-api-key',
  'authorization',
  'Authorization',
];

export function createLogger(
  options: { level?: string; file?: string; stream?: pino.DestinationStream } = {},
): Logger {
  const redact = {
    paths: redactedKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
    censor: '[redacted]',
  };
  if (options.stream) return pino({ level: options.level ?? 'info', redact }, options.stream);
  if (options.file) {
    return pino(
      { level: options.level ?? 'info', redact },
      pino.destination({ dest: options.file, mkdir: true, sync: false }),
    );
  }
  return pino({ level: options.level ?? 'info', redact }, pino.destination(2));
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
