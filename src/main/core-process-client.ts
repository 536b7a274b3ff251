import type { Logger } from '../core/logging/logger';
import type { SecretStore } from '../core/secrets/secret-store';
import type { EventBatch, RpcResponse } from '../shared/contract';
import type { DatabaseBackup, ImportScheduled } from '../shared/contract/system';
import { AppError, errorMessage } from '../shared/errors';
import type {
  BackupOperation,
  BackupReply,
  CoreStartOptions,
  CoreToMain,
  MainToCore,
  SecretsOperation,
  SecretsReply,
} from '../shared/hosts/core-process';

/** The parts of Electron's UtilityProcess used here; tests pass a fake. */
export interface UtilityProcessLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CoreProcessDependencies {
  /** Starts a new core process (utilityProcess.fork of the core entry). */
  fork(): UtilityProcessLike;
  startOptions: CoreStartOptions;
  /** safeStorage-backed credentials: only the main process can use safeStorage. */
  secrets: SecretStore;
  logger: Logger;
  /** The core is serving; `restarted` after a crash. */
  onReady(ready: { dataFileNote?: { message: string; alarming: boolean }; restarted: boolean }): void;
  /** The database could not be opened: nothing to restart. */
  onFailed(message: string): void;
  /** The core process ended without being asked to; `restarting` unless it crashes too often. */
  onCrash(crash: { exitCode: number; restarting: boolean }): void;
  /** More crashes than this within `crashWindowMs` stop the restarts. */
  maxCrashes?: number;
  crashWindowMs?: number;
  now?: () => number;
}

export interface CoreProcess {
  /** A contract call of the main process itself (the tray). */
  dispatch(method: string, input: unknown, caller: { clientId: string }): Promise<RpcResponse>;
  /** The events the main process acts on (live calls, escalations). */
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Gives the core a page's end of a MessageChannelMain. */
  connectPage(port: unknown, clientId: string): void;
  exportTo(file: string): Promise<DatabaseBackup>;
  importFrom(file: string): Promise<ImportScheduled>;
  /** Asks the core to stop its engine and close the database, and waits for it. */
  close(): Promise<void>;
}

const coreStopped = () => new Error('The Navaia core stopped unexpectedly; it is restarting. Try again.');

/**
 * The main process's side of the core process: starts it, relays the main process's own calls and the
 * core's requests for credentials, and restarts it after a crash (the engine reconciles calls left live
 * when it starts). The main process itself never opens the database.
 */
export function startCoreProcess(deps: CoreProcessDependencies): CoreProcess {
  const now = deps.now ?? Date.now;
  const listeners = new Set<(batch: EventBatch) => void>();
  const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 1;
  let child: UtilityProcessLike;
  let state: 'running' | 'closing' | 'closed' | 'failed' = 'running';
  let started = false;
  const crashes: number[] = [];
  let closed: () => void = () => {};
  const whenClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });

  const post = (message: MainToCore, transfer?: unknown[]) => child.postMessage(message, transfer);

  const request = <T>(message: (id: number) => MainToCore): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      post(message(id));
    });

  const settle = (id: number, value: unknown) => {
    waiting.get(id)?.resolve(value);
    waiting.delete(id);
  };

  const answerSecrets = async (id: number, operation: SecretsOperation) => {
    let reply: SecretsReply;
    try {
      if (operation.op === 'get') reply = { ok: true, value: await deps.secrets.get() };
      else if (operation.op === 'set') reply = { ok: true, value: await deps.secrets.set(operation.value) };
      else reply = { ok: true, value: await deps.secrets.delete() };
    } catch (err) {
      reply = { ok: false, message: errorMessage(err) };
    }
    post({ type: 'secrets-reply', id, reply });
  };

  const onMessage = (raw: unknown) => {
    const message = raw as CoreToMain;
    switch (message.type) {
      case 'ready':
        deps.onReady({ dataFileNote: message.dataFileNote, restarted: started });
        started = true;
        return;
      case 'failed':
        state = 'failed';
        deps.onFailed(message.message);
        return;
      case 'events':
        for (const listener of listeners) listener(message.batch);
        return;
      case 'reply':
        return settle(message.id, message.response);
      case 'backup-reply':
        return settle(message.id, message.reply);
      case 'secrets':
        void answerSecrets(message.id, message);
        return;
      case 'closed':
        state = 'closed';
        closed();
        return;
    }
  };

  const onExit = (exitCode: number) => {
    for (const call of waiting.values()) call.reject(coreStopped());
    waiting.clear();
    if (state === 'closing' || state === 'closed' || state === 'failed') {
      state = 'closed';
      closed();
      return;
    }
    crashes.push(now());
    const recent = crashes.filter((at) => now() - at < (deps.crashWindowMs ?? 60_000));
    const restarting = recent.length <= (deps.maxCrashes ?? 3);
    deps.logger.error({ exitCode, restarting }, 'the core process stopped unexpectedly');
    deps.onCrash({ exitCode, restarting });
    if (restarting) spawn();
  };

  const spawn = () => {
    child = deps.fork();
    child.on('message', onMessage);
    child.on('exit', onExit);
    post({ type: 'start', options: deps.startOptions });
  };
  spawn();

  const backup = async (operation: BackupOperation) => {
    const reply = await request<BackupReply>((id) => ({ type: 'backup', id, operation }));
    if (reply.ok) return reply.result;
    throw reply.code ? new AppError(reply.code, reply.message) : new Error(reply.message);
  };

  return {
    dispatch: (method, input, caller) =>
      request<RpcResponse>((id) => ({ type: 'call', id, method, input, clientId: caller.clientId })),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connectPage(port, clientId) {
      post({ type: 'connect', clientId }, [port]);
    },
    exportTo: (file) => backup({ op: 'exportTo', file }) as Promise<DatabaseBackup>,
    importFrom: (file) => backup({ op: 'importFrom', file }) as Promise<ImportScheduled>,
    async close() {
      if (state === 'closed' || state === 'failed') return;
      state = 'closing';
      post({ type: 'close' });
      // The engine's last group-committed writes are flushed before the database closes; a core that
      // does not answer within the limit is ended so quitting cannot hang.
      const limit = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), 15_000).unref?.(),
      );
      if ((await Promise.race([whenClosed, limit])) === 'timeout') {
        deps.logger.error({}, 'the core process did not close in time; ending it');
        child.kill();
      }
    },
  };
}
