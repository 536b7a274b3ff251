#!/usr/bin/env node
// The `navaia` CLI runs from a bundle in out/cli, built with esbuild: compiling the TypeScript sources
// at every start (tsx) cost seconds. `bin/navaia.js` builds it when it is missing or older than a file
// it was built from, so a fresh clone, `npm install`, an edit or a pull all just work;
// `npm install` builds it ahead (the `prepare` script runs this file).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliOutDir = join(root, 'out', 'cli');
const buildInfoFile = join(cliOutDir, 'build-info.json');
/** Besides the sources: a changed build script or an `npm install` makes the bundle stale too. */
const alwaysInputs = ['scripts/cli-build.mjs', 'node_modules/.package-lock.json'];

const mtime = (file) => {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/** True when out/cli holds a bundle built after the last change of every file it was built from. */
export function cliBuildIsFresh() {
  let info;
  try {
    info = JSON.parse(readFileSync(buildInfoFile, 'utf8'));
  } catch {
    return false;
  }
  return [...info.inputs, ...alwaysInputs].every((file) => mtime(file) <= info.builtAt);
}

/**
 * Bundles the CLI (its own code, zod, drizzle, commander… in one
 * pass; the native SQLite binding, the two vendor SDKs (loaded only for real calls) and faker (only for a
 * seed) stay in
 * node_modules). Files are written under a temporary name and renamed, chunks before entries, so a
 * `navaia` starting meanwhile (tests start several at once) reads a whole build, old or new.
 */
export async function buildCli() {
  const builtAt = Date.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: cliOutDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', '@elevenlabs/elevenlabs-js', 'twilio', 'twilio/*', '@faker-js/faker'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __navaiaRequire } from 'node:module'; const require = __navaiaRequire(import.meta.url);",
    },
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(cliOutDir, { recursive: true });
  const isEntry = (path) => /[\\/]main\.js$/.test(path);
  const files = [...result.outputFiles].sort((a, b) => Number(isEntry(a.path)) - Number(isEntry(b.path)));
  const writeAtomically = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  for (const file of files) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
  writeAtomically(buildInfoFile, JSON.stringify({ builtAt, inputs }));
  // Chunks of earlier builds go once no process started from them can still load one (an hour on).
  const current = new Set(files.map((file) => file.path));
  for (const name of readdirSync(cliOutDir)) {
    const path = join(cliOutDir, name);
    if (name.endsWith('.js') && !current.has(path) && statSync(path).mtimeMs < builtAt - 3_600_000)
      rmSync(path, { force: true });
  }
  return join(cliOutDir, 'main.js');
}

/** The built CLI's entry, built first when it is missing or stale. */
export async function builtCliEntry() {
  return cliBuildIsFresh() ? join(cliOutDir, 'main.js') : await buildCli();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  try {
    const entry = await buildCli();
    console.log(
      `navaia CLI built in ${Math.round(performance.now() - started)} ms → ${relative(root, entry)}`,
    );
  } catch (err) {
    // `npm install` must not fail over it: bin/navaia.js builds again, and shows the error, at first use.
    console.warn(
      `navaia CLI not built now (${err instanceof Error ? err.message : err}); it builds at first use.`,
    );
  }
}
