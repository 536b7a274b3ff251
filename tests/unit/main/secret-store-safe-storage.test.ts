import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
  safeStorageFileFor,
} from '../../../src/main/secret-store-safe-storage';

/** Stands in for the OS keychain: a reversible transform that leaves no plain text behind. */
function fakeSafeStorage(available = true): SafeStorageLike & { available: boolean } {
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

const credentials = { twilio: { authToken: 'tw-auth-token-77aa' }, elevenlabs: { apiKey: 'sk_el_31' } };

describe('the safeStorage secret store (desktop app)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-safe-'));
    file = safeStorageFileFor(join(dir, 'navaia.db'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the credentials through the OS encryption, never writing them in plain text', async () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage(), file);
    expect(store.kind).toBe('os');
    expect(store.warning).toBeUndefined();
    await store.set(credentials);
    expect(readFileSync(file).toString('utf8')).not.toContain('tw-auth-token-77aa');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.get()).toEqual(credentials);
    await store.delete();
    expect(await store.get()).toBeUndefined();
  });

  it('refuses to store anything when the OS cannot encrypt, with a message saying why', async () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage(false), file);
    await expect(store.set(credentials)).rejects.toThrow(/secure storage is not available/);
    expect(() => statSync(file)).toThrow();
  });

  it('fails clearly when the stored bytes do not decrypt', async () => {
    const storage = fakeSafeStorage();
    await createSafeStorageSecretStore(storage, file).set(credentials);
    storage.decryptString = () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    };
    await expect(createSafeStorageSecretStore(storage, file).get()).rejects.toThrow(/cannot be decrypted/);
  });
});
