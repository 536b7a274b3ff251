/**
 * The one list of what the UI may ask (methods) and hear (events). Each feature declares its part in
 * src/shared/contract/<feature>.ts; the hosts (Electron IPC, WebSocket) bind everything here generically.
 */

import { audienceEvents, audienceMethods } from './contract/audience';
import { callEvents, callMethods } from './contract/calls';
import { campaignEvents, campaignMethods } from './contract/campaigns';
import { customerEvents, customerMethods } from './contract/customers';
import type { HandlersOf, InputOf, OutputOf, PayloadOf } from './contract/define';
import { metricsEvents, metricsMethods } from './contract/metrics';
import { providerEvents, providerMethods } from './contract/providers';
import { settingsEvents, settingsMethods } from './contract/settings';
import { systemEvents, systemMethods } from './contract/system';
import type { RpcErrorBody } from './errors';

export const methods = {
  ...systemMethods,
  ...customerMethods,
  ...audienceMethods,
  ...campaignMethods,
  ...callMethods,
  ...metricsMethods,
  ...settingsMethods,
  ...providerMethods,
};

export const events = {
  ...systemEvents,
  ...customerEvents,
  ...audienceEvents,
  ...campaignEvents,
  ...callEvents,
  ...metricsEvents,
  ...settingsEvents,
  ...providerEvents,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = InputOf<Methods[M]>;
export type MethodOutput<M extends MethodName> = OutputOf<Methods[M]>;
export type Handlers = HandlersOf<Methods>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = PayloadOf<Events[E]>;
export type EventMessage = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
/** Events reach subscribers in batches, at most ~20 a second, whatever the call volume. */
export type EventBatch = EventMessage[];

export type RpcResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: RpcErrorBody };

/** What the renderer talks to, whichever host is behind it. */
export interface NavaiaClient {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe(listener: (batch: EventBatch) => void): () => void;
}

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name);

export type { CallContext } from './contract/define';
