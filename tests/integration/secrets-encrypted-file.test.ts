import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedFileStore, secretFilesFor } from '../../src/core/secrets/encrypted-file-store';
import { SecretStoreError } from '../../src/core/secrets/secret-store';

const credentials = {
  twilio: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'tw-auth-token-4f2a9c' },
  elevenlabs: { apiKey: 'sk_eleven_9d8e7f6a5b' },
};

describe('the encrypted-file secret store', () => {
  let dir: string;
  let files: { secretsFile: string; keyFile: string };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-secrets-'));
    files = secretFilesFor(join(dir, 'navaia.db'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back exactly what was stored, and nothing once deleted', async () => {
    const store = createEncryptedFileStore(files);
    expect(await store.get()).toBeUndefined();
    await store.set(credentials);
    expect(await store.get()).toEqual(credentials);
    // A second store over the same files (the next start of the app) reads the same value.
    expect(await createEncryptedFileStore(files).get()).toEqual(credentials);
    await store.delete();
    expect(await store.get()).toBeUndefined();
  });

  it('never writes a secret in plain text, and keeps the key in a file only its owner can read', async () => {
    await createEncryptedFileStore(files).set(credentials);
    const onDisk = readFileSync(files.secretsFile, 'utf8');
    for (const secret of ['tw-auth-token-4f2a9c', 'sk_eleven_9d8e7f6a5b', 'AC0123456789abcdef']) {
      expect(onDisk).not.toContain(secret);
      expect(readFileSync(files.keyFile, 'utf8')).not.toContain(secret);
    }
    expect(statSync(files.keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(files.secretsFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(onDisk)).toMatchObject({ version: 1, algorithm: 'aes-256-gcm' });
  });

  it('refuses to decrypt with another key, and says so instead of returning garbage', async () => {
    await createEncryptedFileStore(files).set(credentials);
    writeFileSync(files.keyFile, Buffer.alloc(32, 7).toString('base64'));
    const read = createEncryptedFileStore(files).get();
    await expect(read).rejects.toBeInstanceOf(SecretStoreError);
    await expect(read).rejects.toThrow(/cannot be decrypted with this key/);
  });

  it('detects an edited file', async () => {
    await createEncryptedFileStore(files).set(credentials);
    const sealed = JSON.parse(readFileSync(files.secretsFile, 'utf8'));
    const data = Buffer.from(sealed.data, 'base64');
    data[0] ^= 1;
    writeFileSync(files.secretsFile, JSON.stringify({ ...sealed, data: data.toString('base64') }));
    await expect(createEncryptedFileStore(files).get()).rejects.toThrow(/cannot be decrypted/);
  });

  it('reports a missing key file rather than making up a new key for old data', async () => {
    await createEncryptedFileStore(files).set(credentials);
    rmSync(files.keyFile);
    await expect(createEncryptedFileStore(files).get()).rejects.toThrow(/key file .* is missing/);
  });

  it('warns that it is weaker than the desktop app', () => {
    const store = createEncryptedFileStore(files);
    expect(store.kind).toBe('encrypted-file');
    expect(store.warning).toMatch(/desktop app keeps them in the operating system/);
  });
});
