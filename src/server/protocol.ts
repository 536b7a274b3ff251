import { z } from 'zod';
import type { EventBatch, RpcResponse } from '../shared/contract';
import type { RpcErrorBody } from '../shared/errors';

/** What a page sends: one call, answered by a `response` with the same id. */
const clientMessage = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});

export type ServerMessage =
  | { type: 'hello'; clientId: string }
  | { type: 'response'; id: number | null; response: RpcResponse }
  | { type: 'events'; batch: EventBatch };

export type ParsedClientMessage =
  | { ok: true; id: number; method: string; input: unknown }
  | { ok: false; id: number | null; error: RpcErrorBody };

export function parseClientMessage(text: string): ParsedClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: { code: 'invalid_input', message: 'Message is not valid JSON' } };
  }
  const parsed = clientMessage.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    return {
      ok: false,
      id,
      error: { code: 'invalid_input', message: 'Message must be {id: number, method: string, input}' },
    };
  }
  return { ok: true, ...parsed.data };
}
