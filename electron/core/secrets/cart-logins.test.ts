import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { deriveCartLoginRef, listCartLogins, loadCartLogin, saveCartLogin } from './cart-logins';
import { createFileVault } from './file-vault';
import type { SecretStore } from './secret-store';

let tmp: { dir: string; remove(): void };
let store: SecretStore;
beforeEach(() => {
  tmp = tempDir('tanto-logins-');
  store = createFileVault({ file: path.join(tmp.dir, 'secrets.vault'), key: Buffer.alloc(32, 3) });
});
afterEach(() => tmp.remove());

const login = { cart: 'ecforce' as const, baseUrl: 'https://shop.ec-force.com/', email: 'robot@shop.example.jp', password: 'pa$$-word' };

describe('cart logins', () => {
  it('stores the whole login under cart-login/<ref> and loads it back', async () => {
    const saved = await saveCartLogin(store, { ...login, ref: 'ecforce-main' });
    expect(saved).toEqual({ ref: 'ecforce-main', cart: 'ecforce', baseUrl: 'https://shop.ec-force.com', email: login.email });
    expect(await store.names()).toEqual(['cart-login/ecforce-main']);
    expect(await loadCartLogin(store, 'ecforce-main')).toEqual({ ...login, ref: 'ecforce-main', baseUrl: 'https://shop.ec-force.com' });
    expect(await loadCartLogin(store, 'other')).toBeNull();
  });

  it('derives one ref per site and e-mail, without the e-mail in it, so re-entering replaces', async () => {
    const first = await saveCartLogin(store, login);
    const again = await saveCartLogin(store, { ...login, email: 'Robot@Shop.example.jp', password: 'new' });
    const other = await saveCartLogin(store, { ...login, email: 'staff@shop.example.jp' });
    expect(first.ref).toBe(again.ref);
    expect(first.ref).toBe(deriveCartLoginRef(login));
    expect(first.ref).toMatch(/^ecforce-shop\.ec-force\.com-[0-9a-f]{10}$/);
    expect(first.ref).not.toContain('robot');
    expect(other.ref).not.toBe(first.ref);
    expect((await loadCartLogin(store, first.ref))?.password).toBe('new');
  });

  it('lists every login without its password, and ignores other secrets', async () => {
    await saveCartLogin(store, { ...login, ref: 'b' });
    await saveCartLogin(store, { ...login, ref: 'a', email: 'a@shop.example.jp' });
    await store.set('line/channel-token', 'token');
    const list = await listCartLogins(store);
    expect(list.map((l) => l.ref)).toEqual(['a', 'b']);
    expect(JSON.stringify(list)).not.toContain('pa$$-word');
    expect(list.every((l) => !('password' in l))).toBe(true);
  });

  it.each([
    [{ baseUrl: 'ftp://shop.example.jp' }, 'URL'],
    [{ email: 'not-an-email' }, 'メールアドレス'],
    [{ password: '' }, 'パスワードを入力'],
    [{ ref: '../escape' }, '参照名'],
  ])('refuses %j without storing anything', async (patch, message) => {
    await expect(saveCartLogin(store, { ...login, ...patch })).rejects.toThrow(message);
    expect(await store.names()).toEqual([]);
  });

  it('reports a damaged stored login by its ref and the broken fields, not its content', async () => {
    await store.set('cart-login/broken', JSON.stringify({ ...login, ref: 'broken', email: 'x' }));
    const error = await loadCartLogin(store, 'broken').catch((e: unknown) => e as Error);
    expect((error as Error).message).toContain('broken');
    expect((error as Error).message).toContain('email');
    expect((error as Error).message).not.toContain('pa$$-word');
  });
});
