import { ZodError } from 'zod';
import {
  type CallContext,
  type Handlers,
  isMethodName,
  methods,
  type RpcResponse,
} from '../../shared/contract';
import { AppError, ProviderError } from '../../shared/errors';
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
    try {
      const parsed = methods[name].input.safeParse(input ?? {}, { error: plainIssueMessage });
      if (!parsed.success) {
        return { ok: false, error: validationError(parsed.error) };
      }
      const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
      const result = await handler(parsed.data, context);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof ProviderError) {
        // The provider's own words reach the user; the log keeps the cause for whoever looks into it.
        logger.warn({ err, method: name }, 'a provider refused or failed');
        return { ok: false, error: err.toBody() };
      }
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      if (err instanceof ZodError) return { ok: false, error: validationError(err) };
      const tooLarge = beyondDatabaseLimits(err);
      if (tooLarge) return { ok: false, error: { code: 'invalid_input', message: `${name}: ${tooLarge}` } };
      logger.error({ err, method: name }, 'rpc handler failed');
      return {
        ok: false,
        error: { code: 'internal', message: `${name} failed unexpectedly; see the log for details` },
      };
    }
  };
}

/**
 * SQLite refuses statements past its limits (bound values, expression depth); what built such a statement
 * is an input too large for it, which the caller can make smaller.
 */
function beyondDatabaseLimits(err: unknown): string | undefined {
  const message = err instanceof Error ? err.message : '';
  return /too many SQL variables|Expression tree is too large|string or blob too big/i.test(message)
    ? 'the request is too large for the database; use fewer rules or values'
    : undefined;
}

/** Each problem with the path of the field it is about, and one line naming the first in words. */
function validationError(error: ZodError) {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { code: 'invalid_input' as const, message: summariseIssues(issues), issues };
}
