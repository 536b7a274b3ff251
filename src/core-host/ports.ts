/**
 * The shape of the ports the core process talks through. Electron's `process.parentPort` and
 * `MessagePortMain` deliver `{ data, ports }` events; tests adapt Node's `MessageChannel` to the same shape.
 */
export interface PortMessageEvent {
  data: unknown;
  ports?: PortLike[];
}

export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: PortMessageEvent) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start?(): void;
  close?(): void;
}

/** The utility process's link to the main process: messages, with pages' ports attached. */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: PortMessageEvent) => void): unknown;
}
