import { type SecretStore, SecretStoreError } from '../core/secrets/secret-store';
import type { SecretsOperation, SecretsReply } from '../shared/hosts/core-process';

/**
 * The desktop app's credentials, kept by the main process with Electron's safeStorage (only the main
 * process may use it). The core asks for them over its parent port when it needs them; the page's port
 * never carries them.
 */
export function createRemoteSecretStore(
  ask: (operation: SecretsOperation) => Promise<SecretsReply>,
): SecretStore {
  const run = async (operation: SecretsOperation) => {
    const reply = await ask(operation);
    if (!reply.ok) throw new SecretStoreError(reply.message);
    return reply.value;
  };
  return {
    kind: 'os',
    get: () => run({ op: 'get' }),
    set: async (value) => void (await run({ op: 'set', value })),
    delete: async () => void (await run({ op: 'delete' })),
  };
}
