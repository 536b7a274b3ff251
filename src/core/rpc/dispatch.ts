import { ZodError } from 'zod';
import {
  type CallContext,
  type Handlers,
  isMethodName,
  methods,
  type RpcResponse,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { plainIssueMessage, summariseIssues } from '../../shared/validation/plain-issues';
import type { Logger } from '../logging/logger';

export type Dispatch = (method: string, input: unknown, context: CallContext) => Promise<RpcResponse>;

/**
 * The single entry point both hosts call: validates the payload with the method's zod schema, runs the
 * handler, and always resolves to a well-formed response — a bad payload never takes a host down.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (name, input, context) => {
    if (typeof name !== 'string' || !isMethodName(name)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: `Unknown method: ${String(name).slice(0, 80)}` },
      };
    }
    const parsed = methods[name].input.safeParse(input ?? {}, { error: plainIssueMessage });
    if (!parsed.success) {
      return { ok: false, error: validationError(parsed.error) };
    }
    try {
      const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
      const result = await handler(parsed.data, context);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      if (err instanceof ZodError) return { ok: false, error: validationError(err) };
      logger.error({ err, method: name }, 'rpc handler failed');
      return {
        ok: false,
        error: { code: 'internal', message: `${name} failed unexpectedly; see the log for details` },
      };
    }
  };
}

/** Each problem with the path of the field it is about, and one line naming the first in words. */
function validationError(error: ZodError) {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { code: 'invalid_input' as const, message: summariseIssues(issues), issues };
}
