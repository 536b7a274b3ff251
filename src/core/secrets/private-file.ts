import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes an existing file readable by its owner only. The mode a file is created with is masked by the
 * umask, so it is set again exactly; on file systems without Unix modes (Windows) this does nothing.
 */
export function makePrivate(file: string): void {
  try {
    if (existsSync(file)) chmodSync(file, 0o600);
  } catch {
    // A file system without permissions: nothing more can be done.
  }
}

/** Creates `file` empty and private if it does not exist yet, or makes it private if it does. */
export function ensurePrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  makePrivate(file);
}

/**
 * Writes a file only its owner can read, through a temporary file, so a crash mid-write never leaves
 * half a file behind. Both secret stores keep their files this way.
 */
export function writePrivateFile(file: string, content: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  makePrivate(temp);
  renameSync(temp, file);
}
