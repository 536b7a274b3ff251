#!/usr/bin/env node
// `npm start`: the desktop app when Electron is installed, otherwise the same app in the browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or why there is none. Looked up without `require('electron')`, which
 * tries to download a missing binary and prints a stack trace when it cannot.
 */
function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'its binary was not downloaded' };
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { binary } : { missing: `its binary is missing (${binary})` };
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const electron = findElectron();

if (electron.binary) {
  // better-sqlite3 needs a build for Electron's ABI next to the one Node uses (see README).
  const nativeCode = await run(process.execPath, [join(root, 'scripts', 'electron-native.mjs')]);
  if (nativeCode !== 0) process.exit(nativeCode);
  process.exit(await run(process.execPath, [electronVite, 'dev']));
}

console.log(
  `Electron is not available (${electron.missing}); starting Navaia in your browser instead. ` +
    'To get the desktop app, run `npm install` on a machine with internet access.',
);
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  const buildCode = await run(process.execPath, [electronVite, 'build']);
  if (buildCode !== 0) process.exit(buildCode);
}
process.exit(
  await run(process.execPath, [join(root, 'bin', 'navaia.js'), 'serve', ...process.argv.slice(2)]),
);
