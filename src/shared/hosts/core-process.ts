import type { EventBatch, RpcResponse } from '../contract';
import type { DatabaseBackup, ImportScheduled } from '../contract/system';
import type { AppErrorCode } from '../errors';

/**
 * The desktop app's core runs in an Electron utility process. These are the messages on its parent port,
 * between the main process (window, menus, tray, notifications, safeStorage) and the core (database,
 * engine, imports). Pages never see this port: each gets a MessagePort of its own (see messages.ts).
 */

/** What the main process knows that the core needs to open the database where the app keeps it. */
export interface CoreStartOptions {
  dataFile: string;
  logFile: string;
  /** The packaged app's migrations; undefined in development (the repository's are used). */
  migrationsFolder?: string;
  /** better-sqlite3 built for Electron's ABI, when running from source. */
  nativeBinding?: string;
  version: string;
}

/** A secret-store operation the core asks the main process to perform with safeStorage. */
export type SecretsOperation = { op: 'get' } | { op: 'set'; value: unknown } | { op: 'delete' };

export type SecretsReply = { ok: true; value?: unknown } | { ok: false; message: string };

export type BackupOperation = { op: 'exportTo'; file: string } | { op: 'importFrom'; file: string };

export type BackupReply =
  | { ok: true; result: DatabaseBackup | ImportScheduled }
  /** `code` when the core threw an AppError: its message is written for users. */
  | { ok: false; message: string; code?: AppErrorCode };

export type MainToCore =
  | { type: 'start'; options: CoreStartOptions }
  /** A page's port travels with this message (ports[0]). */
  | { type: 'connect'; clientId: string }
  /** A contract call of the main process itself (the tray's Pause all). */
  | { type: 'call'; id: number; method: string; input: unknown; clientId: string }
  | { type: 'backup'; id: number; operation: BackupOperation }
  | { type: 'secrets-reply'; id: number; reply: SecretsReply }
  | { type: 'close' };

export type CoreToMain =
  /** The database is open and the engine started; `dataFileNote` says when it was not the usual file. */
  | { type: 'ready'; dataFileNote?: { message: string; alarming: boolean } }
  /** The database could not be opened: the message says why, for an error box. */
  | { type: 'failed'; message: string }
  | { type: 'events'; batch: EventBatch }
  | { type: 'reply'; id: number; response: RpcResponse }
  | { type: 'backup-reply'; id: number; reply: BackupReply }
  | ({ type: 'secrets'; id: number } & SecretsOperation)
  | { type: 'closed' };

/** The events the main process acts on: live calls for the tray, escalations for notifications. */
export const eventsForTheMainProcess: ReadonlySet<string> = new Set(['campaign.progress', 'call.escalated']);
