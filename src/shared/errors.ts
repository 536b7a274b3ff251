export type AppErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'unauthorized'
  | 'unavailable'
  | 'unknown_method'
  | 'internal';

export interface ValidationIssue {
  path: string;
  message: string;
}

/** The error shape every host returns for a failed call; safe to show to the user. */
export interface RpcErrorBody {
  code: AppErrorCode;
  message: string;
  issues?: ValidationIssue[];
}

/** Thrown by core for errors the user can act on; anything else is reported as `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): RpcErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

/**
 * A voice provider (ElevenLabs, Twilio, the simulator) refused or could not do what was asked. Its message
 * is written for the user ("ElevenLabs answered 401: invalid API key"), so hosts show it as it is.
 */
export class ProviderError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', message);
    this.name = 'ProviderError';
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/** The words of anything thrown: an Error's message, or the value itself as text. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
