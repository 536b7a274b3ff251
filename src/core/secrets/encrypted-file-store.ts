import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writePrivateFile } from './private-file';
import { type SecretStore, SecretStoreError } from './secret-store';

const algorithm = 'aes-256-gcm';
const keyBytes = 32;
const ivBytes = 12;

export const encryptedFileWarning =
  'Credentials are encrypted with a key kept in a file beside the database (readable only by your user). ' +
  'Anyone who can read both files can read them: the desktop app keeps them in the operating system’s keychain instead.';

/** The two files a database's secrets live in: the encrypted value and the key that opens it. */
export function secretFilesFor(dataFile: string): { secretsFile: string; keyFile: string } {
  return { secretsFile: `${dataFile}.secrets`, keyFile: `${dataFile}.secrets-key` };
}

interface SealedFile {
  version: 1;
  algorithm: typeof algorithm;
  iv: string;
  tag: string;
  data: string;
}

/**
 * AES-256-GCM over the JSON value, with a random key in a separate 0600 file. Used by the browser host
 * and the CLI, which have no OS keychain; GCM's tag makes a wrong key or an edited file fail loudly.
 */
export function createEncryptedFileStore(files: { secretsFile: string; keyFile: string }): SecretStore {
  const { secretsFile, keyFile } = files;

  const readKey = (): Buffer | undefined => {
    if (!existsSync(keyFile)) return undefined;
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== keyBytes) throw new SecretStoreError(`The key file ${keyFile} is damaged`);
    return key;
  };

  const keyForWriting = (): Buffer => {
    const existing = readKey();
    if (existing) return existing;
    const key = randomBytes(keyBytes);
    writePrivateFile(keyFile, key.toString('base64'));
    return key;
  };

  return {
    kind: 'encrypted-file',
    warning: encryptedFileWarning,

    async get() {
      if (!existsSync(secretsFile)) return undefined;
      const key = readKey();
      if (!key) {
        throw new SecretStoreError(
          `The stored credentials cannot be read: their key file ${keyFile} is missing. Enter them again.`,
        );
      }
      let sealed: SealedFile;
      try {
        sealed = JSON.parse(readFileSync(secretsFile, 'utf8')) as SealedFile;
      } catch {
        throw new SecretStoreError(`The credentials file ${secretsFile} is damaged. Enter them again.`);
      }
      if (sealed.version !== 1 || sealed.algorithm !== algorithm) {
        throw new SecretStoreError(`The credentials file ${secretsFile} has an unknown format.`);
      }
      try {
        const decipher = createDecipheriv(algorithm, key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
        return JSON.parse(plain.toString('utf8'));
      } catch {
        throw new SecretStoreError(
          'The stored credentials cannot be decrypted with this key (the key file was replaced or the file was edited). Enter them again.',
        );
      }
    },

    async set(value) {
      const key = keyForWriting();
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv(algorithm, key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      const sealed: SealedFile = {
        version: 1,
        algorithm,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      writePrivateFile(secretsFile, JSON.stringify(sealed));
    },

    async delete() {
      rmSync(secretsFile, { force: true });
    },
  };
}
