import type { RpcErrorBody } from '@shared/errors';

/** A failed call, carrying the host's error body so screens can show its message and field issues. */
export class RpcError extends Error {
  readonly code: RpcErrorBody['code'];
  readonly issues: RpcErrorBody['issues'];

  constructor(body: RpcErrorBody) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.issues = body.issues;
  }
}
