import type { SecretInventory, SecretStore } from '../core/secrets/secret-store';
import { VaultError, type VaultErrorKind } from '../core/secrets/vault-error';
import type { FromCore, SecretRequest, SecretResult, ToCore } from './protocol';

export interface SecretBridge {
  /** The core's SecretStore: every call is a request to the main process. */
  store: SecretStore & { inventory(): Promise<SecretInventory> };
  /** A `secret-reply` from the main process. */
  receive(reply: Extract<ToCore, { kind: 'secret-reply' }>): void;
}

const VAULT_KINDS: readonly string[] = ['invalid_key', 'undecryptable', 'not_a_vault', 'unsupported_version', 'unreadable', 'unwritable', 'refused'] satisfies VaultErrorKind[];

/**
 * The core process's SecretStore over its parent port: safeStorage exists only in Electron's
 * main process, so the values stay there and come here one request at a time. The store's
 * errors come back as VaultErrors, so handlers treat them as they treat the headless vault's.
 */
export function createSecretBridge(post: (message: FromCore) => void): SecretBridge {
  let nextSeq = 0;
  const pending = new Map<number, { resolve(result: SecretResult): void; reject(error: Error): void }>();

  function ask(request: SecretRequest): Promise<SecretResult> {
    const seq = nextSeq++;
    return new Promise((resolve, reject) => {
      pending.set(seq, { resolve, reject });
      post({ kind: 'secret', seq, request });
    });
  }

  return {
    store: {
      get: async (name) => shaped<string | null>(await ask({ op: 'get', name }), (r) => typeof r === 'string' || r === null),
      set: async (name, value) => void (await ask({ op: 'set', name, value })),
      delete: async (name) => shaped<boolean>(await ask({ op: 'delete', name }), (r) => typeof r === 'boolean'),
      names: async () => shaped<string[]>(await ask({ op: 'names' }), Array.isArray),
      inventory: async () => shaped<SecretInventory>(await ask({ op: 'inventory' }), (r) => typeof r === 'object' && r !== null && !Array.isArray(r)),
    },
    receive(reply) {
      const waiting = pending.get(reply.seq);
      if (!waiting) return;
      pending.delete(reply.seq);
      if (reply.error) {
        const { kind, message, secrets } = reply.error;
        waiting.reject(VAULT_KINDS.includes(kind) ? new VaultError(kind as VaultErrorKind, message, { secrets }) : new Error(message));
      } else waiting.resolve(reply.result ?? null);
    },
  };
}

function shaped<T extends SecretResult>(result: SecretResult, is: (result: SecretResult) => boolean): T {
  if (!is(result)) throw new Error('The main process answered a secret request with the wrong shape.');
  return result as T;
}
