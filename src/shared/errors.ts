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
