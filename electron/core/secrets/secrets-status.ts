import { labelOfSecret, type SecretLabel } from './secret-names';
import type { SecretInventory, SecretStore } from './secret-store';
import { VaultError } from './vault-error';

export type SecretState = 'present' | 'missing' | 'undecryptable';

/**
 * What the screens may know of the secrets: names and states, never a value.
 * `protection`: `ok`; `refused` (the computer offers no real protection, nothing is stored);
 * `unreadable` (the store's file is damaged, or the headless vault's key is wrong);
 * `absent` (this shell has no store: the headless shell without a vault key).
 */
export interface SecretsStatus {
  protection: 'ok' | 'refused' | 'unreadable' | 'absent';
  secrets: Array<{ name: string; label: SecretLabel; state: SecretState }>;
}

/** `expected` are the names the shell itself reads from the store; absent ones are reported missing. */
export async function secretsStatus(store: SecretStore | undefined, expected: readonly string[] = []): Promise<SecretsStatus> {
  if (!store) return { protection: 'absent', secrets: [] };
  let inventory: SecretInventory;
  try {
    inventory = store.inventory ? await store.inventory() : { readable: await store.names(), undecryptable: [] };
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    return { protection: error.kind === 'refused' ? 'refused' : 'unreadable', secrets: [] };
  }
  const entry = (name: string, state: SecretState) => ({ name, label: labelOfSecret(name), state });
  const known = new Set([...inventory.readable, ...inventory.undecryptable]);
  return {
    protection: 'ok',
    secrets: [
      ...inventory.undecryptable.map((name) => entry(name, 'undecryptable')),
      ...expected.filter((name) => !known.has(name)).map((name) => entry(name, 'missing')),
      ...inventory.readable.map((name) => entry(name, 'present')),
    ],
  };
}
