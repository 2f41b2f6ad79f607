import path from 'node:path';
import { app, safeStorage } from 'electron';
import type { SecretInventory, SecretStore } from '../core/secrets/secret-store';
import { createSafeStorageVault, SAFE_STORAGE_FILE } from './safe-storage-vault';

/** The desktop's secrets in userData, under the OS's protection (DPAPI, Keychain, the Linux keyring). Call after the app is ready. */
export function openSafeStorageStore(log: (line: string) => void): SecretStore & { inventory(): Promise<SecretInventory> } {
  return createSafeStorageVault({ safeStorage, file: path.join(app.getPath('userData'), SAFE_STORAGE_FILE), log });
}
