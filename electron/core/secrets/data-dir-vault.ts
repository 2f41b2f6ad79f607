import path from 'node:path';
import { createFileVault } from './file-vault';
import type { SecretStore } from './secret-store';
import { resolveVaultKey, type ResolveVaultKeyOptions } from './vault-key';

/** The headless vault's file in the data folder, beside replica.sqlite and tanto.json. */
export const VAULT_FILE = 'secrets.vault';

export function vaultFileOf(dataDir: string): string {
  return path.join(dataDir, VAULT_FILE);
}

/**
 * The data folder's vault under the operator's key: what the headless shell and `npm run secrets`
 * open. Throws VaultKeyMissingError (with how to provide a key) when none is configured.
 */
export function openDataDirVault(dataDir: string, keyOptions: ResolveVaultKeyOptions = {}): SecretStore {
  return createFileVault({ file: vaultFileOf(dataDir), key: resolveVaultKey(keyOptions) });
}
