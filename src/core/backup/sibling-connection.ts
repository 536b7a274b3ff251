import Database from 'better-sqlite3';

export type Connect = (file: string, options?: Database.Options) => Database.Database;

// Inside Electron the only better-sqlite3 binary that loads is the one the live connection was opened
// with, so other files (backups, imports) are opened the same way.
const connectors = new WeakMap<Database.Database, Connect>();

export function rememberConnector(client: Database.Database, connect: Connect): void {
  connectors.set(client, connect);
}

/**
 * A second connection, to another file, opened with the same native binding as `client`. Backups are
 * checked on their own connection: the live one may be inside the engine's open write batch, where
 * ATTACH, DETACH and VACUUM are refused.
 */
export function openSibling(client: Database.Database, file: string, options: Database.Options = {}) {
  const connect = connectors.get(client) ?? ((path, opts) => new Database(path, opts));
  return connect(file, options);
}
