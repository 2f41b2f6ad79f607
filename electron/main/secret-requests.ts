import type { SecretRequest, SecretResult, ToCore } from '../core-process/protocol';
import type { SecretInventory, SecretStore } from '../core/secrets/secret-store';
import { VaultError } from '../core/secrets/vault-error';

/**
 * The main process's side of the core's SecretStore port: runs one request on the desktop store
 * and words the answer for the core. Never throws; the store's own errors (refused, cannot
 * decrypt) go back with their kind and the names they concern, so the core can say which.
 */
export async function answerSecretRequest(
  store: SecretStore & { inventory(): Promise<SecretInventory> },
  seq: number,
  request: SecretRequest,
  log: (line: string) => void,
): Promise<Extract<ToCore, { kind: 'secret-reply' }>> {
  try {
    return { kind: 'secret-reply', seq, result: await run(store, request) };
  } catch (error) {
    if (error instanceof VaultError) return { kind: 'secret-reply', seq, error: { kind: error.kind, message: error.message, secrets: error.secrets } };
    // Whatever else failed is logged by its message only: a request may carry a value, the error never should.
    log(`secrets: the ${request.op} request failed (${(error as Error).message})`);
    return { kind: 'secret-reply', seq, error: { kind: 'internal', message: '秘密情報の保管庫を使えませんでした (the secret store failed; see the log)', secrets: [] } };
  }
}

function run(store: SecretStore & { inventory(): Promise<SecretInventory> }, request: SecretRequest): Promise<SecretResult> {
  switch (request.op) {
    case 'get':
      return store.get(request.name);
    case 'set':
      return store.set(request.name, request.value).then(() => null);
    case 'delete':
      return store.delete(request.name);
    case 'names':
      return store.names();
    case 'inventory':
      return store.inventory();
  }
}
