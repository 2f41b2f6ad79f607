import type { SafeStorageAsync } from './safe-storage-vault';

/**
 * Test support: a stand-in for safeStorage's asynchronous functions only (Electron's binary is
 * not there under Node). A keyed XOR so a value is unreadable in the file, with keys that can be
 * rotated (old ones still decrypt and ask for re-encryption) or lost (another PC or Windows profile).
 */
export function fakeSafeStorage(options: { backend?: string; available?: boolean } = {}) {
  let keys = [7];
  const seal = (key: number, text: string) => Buffer.concat([Buffer.from([key]), Buffer.from(text, 'utf8').map((b) => b ^ key)]);
  const fake = {
    encrypted: 0,
    /** Encryption becomes available (a keyring unlocked after the app started). */
    makeAvailable() {
      options.available = true;
    },
    rotate() {
      keys = [keys[0]! + 1, ...keys];
    },
    /** A new Windows profile: nothing encrypted before can be decrypted. */
    forget() {
      keys = [keys[0]! + 100];
    },
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    async encryptStringAsync(text: string) {
      fake.encrypted++;
      return seal(keys[0]!, text);
    },
    async decryptStringAsync(encrypted: Buffer) {
      const key = encrypted[0]!;
      if (!keys.includes(key)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(encrypted.subarray(1).map((b) => b ^ key)).toString('utf8'), shouldReEncrypt: key !== keys[0] };
    },
  } satisfies SafeStorageAsync & Record<string, unknown>;
  return fake;
}

