/**
 * Where provider credentials are kept: one JSON value, encrypted at rest, readable only by the process
 * that hosts core. The renderer never receives what a store holds (see core/providers/provider-settings).
 */
export interface SecretStore {
  /** `os`: the operating system's keychain via Electron safeStorage; `encrypted-file`: a key file beside the data. */
  readonly kind: 'os' | 'encrypted-file';
  /** Set when the protection is weaker than the desktop app's; shown to the supervisor in Settings. */
  readonly warning?: string;
  /** The stored value, or undefined when nothing was saved. Throws SecretStoreError when it cannot be read. */
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
  delete(): Promise<void>;
}

/** The store cannot keep or read secrets (no OS encryption, a wrong or missing key, a damaged file). */
export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}
