import type { Logger } from './logger';

/**
 * A logger that passes error text through `redact` first: pino's redaction hides secrets under known keys,
 * but a provider's error message may carry the credentials it was sent in its text.
 */
export function redactingLogger(logger: Logger, redact: (text: string) => string): Logger {
  const clean = (obj: object | string): object | string => {
    if (typeof obj === 'string') return redact(obj);
    const err = (obj as { err?: unknown }).err;
    if (!(err instanceof Error)) return obj;
    const cause = (err as { cause?: unknown }).cause;
    return {
      ...obj,
      err: {
        type: err.name,
        message: redact(err.message),
        stack: err.stack ? redact(err.stack) : undefined,
        code: (err as { code?: unknown }).code,
        ...(cause instanceof Error ? { cause: redact(cause.message) } : {}),
      },
    };
  };
  return {
    debug: (obj, msg) => logger.debug(clean(obj), msg),
    info: (obj, msg) => logger.info(clean(obj), msg),
    warn: (obj, msg) => logger.warn(clean(obj), msg),
    error: (obj, msg) => logger.error(clean(obj), msg),
  };
}
