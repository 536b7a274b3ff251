import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from '../core/secrets/private-file';

/**
 * The browser host's address between restarts: the port and access token of the last `navaia serve` on a
 * database, kept beside it (readable only by its owner), so a bookmarked address keeps working.
 */
const savedAddressSchema = z.object({
  port: z.number().int().min(1).max(65_535),
  token: z.string().min(16).max(200),
});
export type SavedAddress = z.infer<typeof savedAddressSchema>;

export const savedAddressFile = (dbFile: string) => `${dbFile}.serve.json`;

/** The address saved for this database, if any (a damaged file is as good as none). */
export function readSavedAddress(dbFile: string): SavedAddress | undefined {
  const file = savedAddressFile(dbFile);
  if (!existsSync(file)) return undefined;
  try {
    return savedAddressSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

export function saveAddress(dbFile: string, address: SavedAddress): void {
  writePrivateFile(savedAddressFile(dbFile), `${JSON.stringify(address)}\n`);
}

export const newToken = () => randomBytes(24).toString('base64url');

/** A token kept in a file of the user's choosing (`--token-file`): read, or made and written there once. */
export function tokenFromFile(file: string): string {
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (!/^[A-Za-z0-9_-]{16,200}$/.test(token))
      throw new Error(`${file} does not hold an access token (16 or more letters, digits, - or _)`);
    return token;
  }
  const token = newToken();
  writePrivateFile(file, `${token}\n`);
  return token;
}
