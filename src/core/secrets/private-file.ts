import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file only its owner can read, through a temporary file, so a crash mid-write never leaves
 * half a file behind. Both secret stores keep their files this way.
 */
export function writePrivateFile(file: string, content: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  // The mode given to writeFileSync is masked by the umask; make it exact.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
