#!/usr/bin/env node
/**
 * better-sqlite3 is a native module, and Electron and Node speak different ABIs. node_modules keeps the
 * build for Node (tests, the CLI, the browser host); this script builds a second copy for Electron into
 * .native/electron-<version>/better_sqlite3.node, which the Electron main process loads through
 * better-sqlite3's `nativeBinding` option. Neither runtime's build ever replaces the other's.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

const sourceDir = dirname(require.resolve('better-sqlite3/package.json'));
const workDir = join(root, '.native', 'build-better-sqlite3');
rmSync(workDir, { recursive: true, force: true });
cpSync(sourceDir, workDir, {
  recursive: true,
  filter: (src) => !src.includes(`${join('build', 'Release', 'obj')}`),
});
console.log(`Building better-sqlite3 for Electron ${electronVersion} (once per Electron version)…`);

// Prebuilt binary for Electron's ABI first; compile against Electron's headers if there is none.
const prebuilt = spawnSync(
  process.execPath,
  [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion],
  { cwd: workDir, stdio: 'inherit' },
);
if (prebuilt.status !== 0) {
  const gyp = spawnSync(
    process.execPath,
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ],
    // npm's `nodedir` setting would silently build against Node's headers instead of Electron's.
    { cwd: workDir, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (gyp.status !== 0) {
    console.error(
      'Could not build better-sqlite3 for Electron. The browser mode (`npx navaia serve`) still works.',
    );
    process.exit(1);
  }
}
mkdirSync(dirname(target), { recursive: true });
cpSync(join(workDir, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(workDir, { recursive: true, force: true });
console.log(`Electron build of better-sqlite3 ready: ${target}`);
