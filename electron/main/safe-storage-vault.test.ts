import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/tmp';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import { VaultError } from '../core/secrets/vault-error';
import { createSafeStorageVault, SAFE_STORAGE_FILE } from './safe-storage-vault';
import { fakeSafeStorage } from './test-safe-storage';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir('tanto-safe-storage-');
  file = path.join(tmp.dir, SAFE_STORAGE_FILE);
});
afterEach(() => tmp.remove());

const LOGIN = 'cart-login/ecforce-shop.example.com-0123456789';

describe('the desktop secret store on safeStorage', () => {
  it('keeps values encrypted in its file and gives them back', async () => {
    const safe = fakeSafeStorage();
    const store = createSafeStorageVault({ safeStorage: safe, file, platform: 'linux' });
    await store.set(CLOUD_TOKEN_SECRET, 'cloud-secret-token');
    await store.set(LOGIN, '{"password":"Hunter2"}');

    const reopened = createSafeStorageVault({ safeStorage: safe, file, platform: 'linux' });
    expect(await reopened.get(CLOUD_TOKEN_SECRET)).toBe('cloud-secret-token');
    expect(await reopened.get(LOGIN)).toBe('{"password":"Hunter2"}');
    expect(await reopened.get(LINE_TOKEN_SECRET)).toBeNull();
    expect(await reopened.names()).toEqual([CLOUD_TOKEN_SECRET, LOGIN].sort());
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('cloud-secret-token');
    expect(text).not.toContain('Hunter2');
    expect(await reopened.delete(LOGIN)).toBe(true);
    expect(await reopened.delete(LOGIN)).toBe(false);
    expect(await reopened.names()).toEqual([CLOUD_TOKEN_SECRET]);
  });

  it('encrypts a value again under the current key when safeStorage asks for it', async () => {
    const safe = fakeSafeStorage();
    const store = createSafeStorageVault({ safeStorage: safe, file, platform: 'win32' });
    await store.set(CLOUD_TOKEN_SECRET, 'token-1');
    const before = JSON.parse(readFileSync(file, 'utf8')).secrets[CLOUD_TOKEN_SECRET];
    safe.rotate();

    expect(await store.get(CLOUD_TOKEN_SECRET)).toBe('token-1');
    const after = JSON.parse(readFileSync(file, 'utf8')).secrets[CLOUD_TOKEN_SECRET];
    expect(after).not.toBe(before);
    // Once written under the new key it is not asked for again.
    const encrypted = safe.encrypted;
    expect(await store.get(CLOUD_TOKEN_SECRET)).toBe('token-1');
    expect(safe.encrypted).toBe(encrypted);
  });

  it('refuses basic_text on Linux and unavailable encryption, storing nothing', async () => {
    for (const [safe, words] of [
      [fakeSafeStorage({ backend: 'basic_text' }), /キーリング/],
      [fakeSafeStorage({ available: false }), /暗号化を使えない/],
    ] as const) {
      const store = createSafeStorageVault({ safeStorage: safe, file, platform: 'linux' });
      const refused = await store.set(CLOUD_TOKEN_SECRET, 'token').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(VaultError);
      expect(refused).toMatchObject({ kind: 'refused', message: expect.stringMatching(words) });
      await expect(store.get(CLOUD_TOKEN_SECRET)).rejects.toMatchObject({ kind: 'refused' });
      expect(safe.encrypted).toBe(0);
      expect(() => readFileSync(file)).toThrow(/ENOENT/);
    }
  });

  it('asks again after a refusal, so a keyring unlocked later is used', async () => {
    const safe = fakeSafeStorage({ available: false });
    const store = createSafeStorageVault({ safeStorage: safe, file, platform: 'win32' });
    await expect(store.names()).rejects.toMatchObject({ kind: 'refused' });
    safe.makeAvailable();
    await store.set(CLOUD_TOKEN_SECRET, 'token');
    expect(await store.get(CLOUD_TOKEN_SECRET)).toBe('token');
  });

  it('names what this computer cannot decrypt, keeps it, and takes it entered again', async () => {
    const safe = fakeSafeStorage();
    const store = createSafeStorageVault({ safeStorage: safe, file, platform: 'win32' });
    await store.set(CLOUD_TOKEN_SECRET, 'cloud-1');
    await store.set(LINE_TOKEN_SECRET, 'line-1');
    await store.set(LOGIN, 'login-1');
    safe.forget();
    await store.set('cart-login/other', 'login-2');
    const file0 = readFileSync(file, 'utf8');

    expect(await store.inventory()).toEqual({ readable: ['cart-login/other'], undecryptable: [LOGIN, CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET] });
    const error = await store.get(LOGIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'undecryptable', secrets: [LOGIN], message: expect.stringContaining('shop.example.com') });
    expect((error as Error).message).not.toContain('login-1');
    expect(await store.names()).toEqual([LOGIN, 'cart-login/other', CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET]);
    expect(readFileSync(file, 'utf8')).toBe(file0);

    await store.set(CLOUD_TOKEN_SECRET, 'cloud-2');
    expect(await store.get(CLOUD_TOKEN_SECRET)).toBe('cloud-2');
    expect(await store.inventory()).toEqual({ readable: ['cart-login/other', CLOUD_TOKEN_SECRET], undecryptable: [LOGIN, LINE_TOKEN_SECRET] });
  });

  it('says a damaged file is unreadable and leaves it as it is', async () => {
    writeFileSync(file, '{"format":"tanto');
    const store = createSafeStorageVault({ safeStorage: fakeSafeStorage(), file, platform: 'win32' });
    await expect(store.names()).rejects.toMatchObject({ kind: 'not_a_vault' });
    await expect(store.set(CLOUD_TOKEN_SECRET, 'x')).rejects.toMatchObject({ kind: 'not_a_vault' });
    expect(readFileSync(file, 'utf8')).toBe('{"format":"tanto');
  });

  it('keeps every value when set() calls overlap', async () => {
    const store = createSafeStorageVault({ safeStorage: fakeSafeStorage(), file, platform: 'win32' });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.set(`n${i}`, `v${i}`)));
    expect(await store.names()).toHaveLength(10);
  });
});
