import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { VaultKeyInvalidError, VaultKeyMissingError, decodeVaultKey, generateVaultKey, resolveVaultKey } from './vault-key';

const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 3));
const hex = bytes.toString('hex');

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir('tanto-key-');
});
afterEach(() => tmp.remove());

function keyFile(name: string, content: string): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, content);
  return file;
}

describe('resolveVaultKey', () => {
  it.each([
    ['hex', hex],
    ['upper-case hex with a newline', `${hex.toUpperCase()}\n`],
    ['base64', bytes.toString('base64')],
    ['base64url without padding', bytes.toString('base64url')],
  ])('reads %s from TANTO_VAULT_KEY', (_what, value) => {
    expect(resolveVaultKey({ env: { TANTO_VAULT_KEY: value } }).equals(bytes)).toBe(true);
  });

  it('reads a key file named by TANTO_VAULT_KEY_FILE or by the caller, the caller first', () => {
    const fromEnv = keyFile('env.key', `${bytes.toString('base64')}\n`);
    expect(resolveVaultKey({ env: { TANTO_VAULT_KEY_FILE: fromEnv } }).equals(bytes)).toBe(true);
    const other = Buffer.alloc(32, 1);
    const fromOption = keyFile('option.key', other.toString('hex'));
    expect(resolveVaultKey({ env: { TANTO_VAULT_KEY: hex, TANTO_VAULT_KEY_FILE: fromEnv }, keyFile: fromOption }).equals(other)).toBe(true);
    expect(resolveVaultKey({ env: { TANTO_VAULT_KEY: other.toString('hex'), TANTO_VAULT_KEY_FILE: fromEnv } }).equals(other)).toBe(true);
  });

  it('says exactly how to provide a key when there is none', () => {
    let error: unknown;
    try {
      resolveVaultKey({ env: { TANTO_VAULT_KEY: '  ' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VaultKeyMissingError);
    const message = (error as Error).message;
    expect(message).toMatch(/^秘密情報の保管庫の鍵が設定されていません/);
    expect(message).toContain('TANTO_VAULT_KEY ');
    expect(message).toContain('TANTO_VAULT_KEY_FILE');
    expect(message).toContain('npm run secrets -- generate-key');
  });

  it.each([
    ['too short hex', hex.slice(0, 62)],
    ['hex with a stray letter', `${hex.slice(0, 63)}g`],
    ['base64 of 16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s without echoing it', (_what, value) => {
    expect(() => resolveVaultKey({ env: { TANTO_VAULT_KEY: value } })).toThrow(VaultKeyInvalidError);
    try {
      resolveVaultKey({ env: { TANTO_VAULT_KEY: value } });
    } catch (error) {
      expect((error as Error).message).toContain('TANTO_VAULT_KEY の鍵の形式が正しくありません');
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('names a key file it cannot read', () => {
    const missing = path.join(tmp.dir, 'nope.key');
    expect(() => resolveVaultKey({ env: {}, keyFile: missing })).toThrow(`保管庫の鍵ファイル ${missing} を読めません (ENOENT)`);
    expect(() => resolveVaultKey({ env: { TANTO_VAULT_KEY_FILE: keyFile('bad.key', 'abc') } })).toThrow(/鍵ファイル .*bad\.key の鍵の形式/);
  });
});

describe('generateVaultKey', () => {
  it('makes a different 32-byte key each time, in a form resolveVaultKey reads', () => {
    const a = generateVaultKey();
    const b = generateVaultKey();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(decodeVaultKey(a, 'test').length).toBe(32);
  });
});
