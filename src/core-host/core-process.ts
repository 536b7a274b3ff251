import type { NavaiaApp } from '../core/app';
import { backupService } from '../core/backup/backup-service';
import { createLogger, type Logger } from '../core/logging/logger';
import { openContractConnection } from '../core/rpc/client-connection';
import type { SecretStore } from '../core/secrets/secret-store';
import { AppError, errorMessage } from '../shared/errors';
import {
  type BackupOperation,
  type BackupReply,
  type CoreStartOptions,
  type CoreToMain,
  eventsForTheMainProcess,
  type MainToCore,
  type SecretsReply,
} from '../shared/hosts/core-process';
import { checkClientMessage } from '../shared/hosts/messages';
import { type OpenedCore, openDesktopCore } from './desktop-app';
import type { ParentPortLike, PortLike } from './ports';
import { createRemoteSecretStore } from './remote-secret-store';

export interface CoreProcessOptions {
  /** Builds the core once `start` arrives; the default opens the desktop app's data file. */
  openCore?: (options: CoreStartOptions, secrets: SecretStore, logger: Logger) => OpenedCore;
  /** The log; the default writes to the file `start` names. */
  logger?: (options: CoreStartOptions) => Logger;
  /** Told the log once it is open (the real process sends its uncaught errors there). */
  onLogger?: (logger: Logger) => void;
  /** Called once the core has closed (the real process exits). */
  onClosed?: () => void;
}

/** A page's port: the same numbered calls and event batches as the WebSocket host, checked the same way. */
export function servePagePort(
  core: Pick<NavaiaApp, 'dispatch' | 'context'>,
  port: PortLike,
  clientId: string,
): void {
  const connection = openContractConnection(core, clientId, (message) => port.postMessage(message));
  port.on('message', (event) => connection.receive(checkClientMessage(event.data)));
  port.on('close', () => connection.close());
  port.start?.();
}

/**
 * The core of the desktop app in its own process: the database, the engine and imports run here, never on
 * the main process's thread. The main process starts it, hands it each page's MessagePort (the same
 * numbered calls and event batches as the WebSocket host), and answers its requests for credentials.
 */
export function runCoreProcess(parent: ParentPortLike, options: CoreProcessOptions = {}): void {
  const send = (message: CoreToMain) => parent.postMessage(message);
  const secretsWaiting = new Map<number, (reply: SecretsReply) => void>();
  let nextSecretsId = 1;
  const secrets = createRemoteSecretStore(
    (operation) =>
      new Promise((resolve) => {
        const id = nextSecretsId++;
        secretsWaiting.set(id, resolve);
        send({ type: 'secrets', id, ...operation });
      }),
  );
  let resolveReady: (app: NavaiaApp) => void = () => {};
  // Pages and the tray may ask before the database is open: their calls wait for it.
  const ready = new Promise<NavaiaApp>((resolve) => {
    resolveReady = resolve;
  });
  let app: NavaiaApp | undefined;
  let closing: Promise<void> | undefined;

  const start = async (startOptions: CoreStartOptions) => {
    const logger = options.logger?.(startOptions) ?? createLogger({ file: startOptions.logFile });
    options.onLogger?.(logger);
    let opened: OpenedCore;
    try {
      opened = (options.openCore ?? openDesktopCore)(startOptions, secrets, logger);
    } catch (err) {
      // A damaged database is refused unchanged; the message says what it means and where the backups are.
      logger.error({ err }, 'the core could not open its database');
      send({ type: 'failed', message: errorMessage(err) });
      return;
    }
    app = opened.app;
    // The main process hears only what its tray and notifications show.
    app.context.bus.subscribe((batch) => {
      const forMain = batch.filter((event) => eventsForTheMainProcess.has(event.name));
      if (forMain.length > 0) send({ type: 'events', batch: forMain });
    });
    // Reconciles calls a crashed run left live, then resumes running campaigns.
    await app.start();
    resolveReady(app);
    send({ type: 'ready', dataFileNote: opened.dataFileNote });
  };

  const backup = async (core: NavaiaApp, operation: BackupOperation): Promise<BackupReply> => {
    const backups = backupService(core.context);
    try {
      // The integrity check after an export runs here, off the window's process.
      const result =
        operation.op === 'exportTo'
          ? await backups.exportTo(operation.file)
          : backups.importFrom(operation.file);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, message: err.message, code: err.code };
      core.context.logger.error({ err, operation: operation.op }, 'a backup from the menu failed');
      return { ok: false, message: errorMessage(err) };
    }
  };

  const close = () => {
    closing ??= (async () => {
      try {
        await app?.close();
      } finally {
        send({ type: 'closed' });
        options.onClosed?.();
      }
    })();
    return closing;
  };

  parent.on('message', (event) => {
    const message = event.data as MainToCore;
    switch (message.type) {
      case 'start':
        void start(message.options);
        return;
      case 'connect': {
        const port = event.ports?.[0];
        if (port) void ready.then((core) => servePagePort(core, port, message.clientId));
        return;
      }
      case 'call':
        void ready
          .then((core) => core.dispatch(message.method, message.input, { clientId: message.clientId }))
          .then((response) => send({ type: 'reply', id: message.id, response }));
        return;
      case 'backup':
        void ready
          .then((core) => backup(core, message.operation))
          .then((reply) => send({ type: 'backup-reply', id: message.id, reply }));
        return;
      case 'secrets-reply':
        secretsWaiting.get(message.id)?.(message.reply);
        secretsWaiting.delete(message.id);
        return;
      case 'close':
        void close();
        return;
    }
  });
}
