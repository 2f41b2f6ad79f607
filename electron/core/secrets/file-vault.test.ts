import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { createFileVault } from './file-vault';
import { VaultError } from './vault-error';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const secret = 'パスワード-s3cret-Ωmega';

let tmp: { dir: string; remove(): void };
let file: string;
beforeEach(() => {
  tmp = tempDir('tanto-vault-');
  file = path.join(tmp.dir, 'secrets.vault');
});
afterEach(() => tmp.remove());

async function errorOf(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

describe('file vault', () => {
  it('round-trips names and values through the file, across instances', async () => {
    const vault = createFileVault({ file, key });
    expect(await vault.get('missing')).toBeNull();
    expect(await vault.names()).toEqual([]);
    await vault.set('cart-login/b', secret);
    await vault.set('cart-login/a', 'first');
    await vault.set('cart-login/a', 'second');
    const reopened = createFileVault({ file, key });
    expect(await reopened.get('cart-login/b')).toBe(secret);
    expect(await reopened.get('cart-login/a')).toBe('second');
    expect(await reopened.names()).toEqual(['cart-login/a', 'cart-login/b']);
    expect(await reopened.delete('cart-login/a')).toBe(true);
    expect(await reopened.delete('cart-login/a')).toBe(false);
    expect(await vault.names()).toEqual(['cart-login/b']);
    expect(await vault.get('__proto__')).toBeNull();
  });

  it('keeps nothing in plain text on disk, and draws a fresh nonce for every write', async () => {
    const vault = createFileVault({ file, key });
    await vault.set('cart-login/main', secret);
    const first = readFileSync(file);
    for (const needle of [secret, 's3cret', 'cart-login', 'パスワード']) {
      expect(first.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(first.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    expect(first.subarray(0, 5)).toEqual(Buffer.from([...Buffer.from('TNTV'), 1]));
    await vault.set('cart-login/main', secret);
    const second = readFileSync(file);
    expect(second.length).toBe(first.length);
    expect(second.subarray(5, 17).equals(first.subarray(5, 17))).toBe(false);
    expect(second.subarray(17).equals(first.subarray(17))).toBe(false);
  });

  it('writes the file with mode 0600 by replacing it, leaving no temp file', async () => {
    const vault = createFileVault({ file, key });
    await vault.set('a', '1');
    const before = statSync(file);
    await vault.set('b', '2');
    const after = statSync(file);
    if (process.platform !== 'win32') {
      expect(after.mode & 0o777).toBe(0o600);
      // A new inode means the old file was swapped for a complete new one, never rewritten in place.
      expect(after.ino).not.toBe(before.ino);
    }
    expect(readdirSync(tmp.dir)).toEqual(['secrets.vault']);
  });

  it('keeps every value when writes overlap', async () => {
    const vault = createFileVault({ file, key });
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`k${String(i).padStart(2, '0')}`, `v${i}`)));
    expect(await createFileVault({ file, key }).names()).toHaveLength(20);
  });

  it('refuses a wrong key with a Japanese message and the cause, and no secret or key in it', async () => {
    await createFileVault({ file, key }).set('cart-login/main', secret);
    const error = await errorOf(createFileVault({ file, key: otherKey }).get('cart-login/main'));
    expect(error.kind).toBe('undecryptable');
    expect(error.message).toContain('復号できません');
    expect(error.message).toContain(file);
    expect(error.cause).toBeInstanceOf(Error);
    for (const leak of [secret, key.toString('hex'), otherKey.toString('hex'), key.toString('base64')]) {
      expect(error.message).not.toContain(leak);
    }
    // A failed read must not have replaced the vault with an empty one.
    expect(await createFileVault({ file, key }).get('cart-login/main')).toBe(secret);
  });

  it.each([
    ['a ciphertext byte', (b: Buffer) => (b[b.length - 1]! ^= 1)],
    ['the auth tag', (b: Buffer) => (b[20]! ^= 1)],
    ['the nonce', (b: Buffer) => (b[6]! ^= 1)],
  ])('refuses a file with %s changed', async (_what, tamper) => {
    await createFileVault({ file, key }).set('cart-login/main', secret);
    const bytes = readFileSync(file);
    tamper(bytes);
    writeFileSync(file, bytes);
    const error = await errorOf(createFileVault({ file, key }).names());
    expect(error.kind).toBe('undecryptable');
    expect(error.message).not.toContain(secret);
  });

  it('tells a foreign file and a future format apart from tampering', async () => {
    writeFileSync(file, 'cart-login/main=hunter2\n'.repeat(3));
    expect((await errorOf(createFileVault({ file, key }).get('x'))).kind).toBe('not_a_vault');
    await createFileVault({ file, key }).set('x', '1').catch(() => undefined);
    expect(readFileSync(file, 'utf8')).toContain('hunter2');

    writeFileSync(file, Buffer.alloc(0));
    await createFileVault({ file, key }).set('x', '1').catch(() => undefined);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(0);

    await createFileVault({ file: path.join(tmp.dir, 'v2.vault'), key }).set('x', '1');
    const future = readFileSync(path.join(tmp.dir, 'v2.vault'));
    future[4] = 2;
    writeFileSync(file, future);
    const error = await errorOf(createFileVault({ file, key }).get('x'));
    expect(error.kind).toBe('unsupported_version');
    expect(error.message).toContain('Tanto を更新してください');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFileVault({ file, key: Buffer.alloc(16) })).toThrow(/32 バイト/);
  });
});
