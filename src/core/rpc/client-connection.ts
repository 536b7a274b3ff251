import type { EventBatch } from '../../shared/contract';
import type { ParsedClientMessage, ServerMessage } from '../../shared/hosts/messages';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Dispatch } from './dispatch';

export interface ContractConnection {
  /** Answers one checked call; the reply leaves through `send` with the call's id. */
  receive(message: ParsedClientMessage): void;
  close(): void;
}

/**
 * One page connected to the core, whatever carries the messages (a WebSocket, a MessagePort): greets it,
 * pushes every event batch, and answers numbered calls through the app's dispatch.
 */
export function openContractConnection(
  app: { dispatch: Dispatch; context: { bus: EventBus; logger: Logger } },
  clientId: string,
  send: (message: ServerMessage) => void,
): ContractConnection {
  const unsubscribe = app.context.bus.subscribe((batch: EventBatch) => send({ type: 'events', batch }));
  send({ type: 'hello', clientId });
  const answer = async (message: ParsedClientMessage) => {
    if (!message.ok) {
      send({ type: 'response', id: message.id, response: { ok: false, error: message.error } });
      return;
    }
    // dispatch answers every call; the catch is for what it cannot see (a reply that will not serialise).
    try {
      const response = await app.dispatch(message.method, message.input, { clientId });
      send({ type: 'response', id: message.id, response });
    } catch (err) {
      app.context.logger.error({ err, method: message.method }, 'a call from a page failed');
      send({
        type: 'response',
        id: message.id,
        response: {
          ok: false,
          error: { code: 'internal', message: `${message.method} failed unexpectedly` },
        },
      });
    }
  };
  return {
    // Calls that arrive together (the editor's live count and its sample) are answered one turn of the
    // event loop each, so the first answer leaves before the next call's work begins, not after it.
    receive: (message) => void setImmediate(() => void answer(message)),
    close: unsubscribe,
  };
}
