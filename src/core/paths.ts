import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'Navaia';
export const databaseFileName = 'navaia.db';

/**
 * The per-user folder Electron's `app.getPath('userData')` gives for this product, computed the same way
 * so the CLI and the browser host open the very file the desktop app uses.
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
}

/** `NAVAIA_DB` overrides the location (tests, several databases side by side). */
export function defaultDataFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.NAVAIA_DB ?? join(userDataDir(env), databaseFileName);
}
