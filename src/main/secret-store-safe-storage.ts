import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writePrivateFile } from '../core/secrets/private-file';
import { type SecretStore, SecretStoreError } from '../core/secrets/secret-store';

/** The part of Electron's `safeStorage` used here; passed in so tests need no Electron binary. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const osEncryptionUnavailable =
  'The operating system’s secure storage is not available (on Linux: no keyring such as GNOME Keyring or ' +
  'KWallet is running), so Navaia will not store provider credentials. Start a keyring and try again.';

/** Where the desktop app keeps the encrypted credentials: beside its database, never inside it. */
export const safeStorageFileFor = (dataFile: string) => `${dataFile}.secrets-os`;

/**
 * Credentials encrypted by Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
 * Service on Linux). Refuses to store anything when that encryption is unavailable rather than falling
 * back to a weaker scheme silently.
 */
export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, file: string): SecretStore {
  return {
    kind: 'os',

    async get() {
      if (!existsSync(file)) return undefined;
      if (!safeStorage.isEncryptionAvailable()) throw new SecretStoreError(osEncryptionUnavailable);
      try {
        return JSON.parse(safeStorage.decryptString(readFileSync(file)));
      } catch {
        throw new SecretStoreError(
          'The stored credentials cannot be decrypted by this user’s secure storage. Enter them again.',
        );
      }
    },

    async set(value) {
      if (!safeStorage.isEncryptionAvailable()) throw new SecretStoreError(osEncryptionUnavailable);
      const sealed = safeStorage.encryptString(JSON.stringify(value));
      writePrivateFile(file, sealed);
    },

    async delete() {
      rmSync(file, { force: true });
    },
  };
}
