import { z } from 'zod';
import type { EventBatch, RpcResponse } from '../contract';
import type { RpcErrorBody } from '../errors';

/**
 * The messages between a page and a core host, declared once for both sides: the WebSocket host and its
 * client (as JSON text), and the core process and the desktop preload (as structured-clone objects over a
 * MessagePort). A page sends numbered calls; the host answers each with a `response` carrying its id,
 * greets a new connection with `hello`, and pushes event batches.
 */
export const clientMessageSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});

const rpcErrorBodySchema = z
  .object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();

const rpcResponseSchema = z.union([
  // A handler that returns nothing has no `result` once the reply is JSON.
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: rpcErrorBodySchema }),
]);

/** What a host sends. Event payloads are the contract's; only the envelope is checked here. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), clientId: z.string() }),
  z.object({ type: z.literal('response'), id: z.number().int().nullable(), response: rpcResponseSchema }),
  z.object({
    type: z.literal('events'),
    batch: z.array(z.object({ name: z.string(), payload: z.unknown() })),
  }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** The checked envelope, with the contract's own types for what it carries. */
export type ServerMessage =
  | { type: 'hello'; clientId: string }
  | { type: 'response'; id: number | null; response: RpcResponse }
  | { type: 'events'; batch: EventBatch };

export type ParsedClientMessage =
  | { ok: true; id: number; method: string; input: unknown }
  | { ok: false; id: number | null; error: RpcErrorBody };

/** Checks a call from a page (already decoded from JSON when it came as text). */
export function checkClientMessage(json: unknown): ParsedClientMessage {
  const parsed = clientMessageSchema.safeParse(json);
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

export function parseClientMessage(text: string): ParsedClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: { code: 'invalid_input', message: 'Message is not valid JSON' } };
  }
  return checkClientMessage(json);
}

/** Checks what a host sent; undefined for anything that is not one of its messages. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = serverMessageSchema.safeParse(json);
  return parsed.success ? (parsed.data as ServerMessage) : undefined;
}
