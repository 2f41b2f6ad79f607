import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCartLoginRef, loadCartLogin, saveCartLogin } from '../../electron/core/secrets/cart-logins';
import { CLOUD_TOKEN_SECRET } from '../../electron/core/secrets/secret-names';
import { createSafeStorageVault, SAFE_STORAGE_FILE } from '../../electron/main/safe-storage-vault';
import { fakeSafeStorage } from '../../electron/main/test-safe-storage';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { screenProblems } from './layout-checks';
import { startUiWorld, writeScreenshot, type UiWorld, openShopPage } from './ui-world';

/**
 * The banner that asks staff to enter again what this computer cannot decrypt (the data folder
 * came from another PC or Windows user), in Chromium against the headless shell over the
 * desktop's secret store on a stand-in for safeStorage's asynchronous functions.
 */

const login = { cart: 'ecforce' as const, baseUrl: 'https://shop.example.com', email: 'robot@shop.example.jp', password: 'Hunter2' };
const keyRoots = Object.keys(catalogs.ja);

let world: UiWorld;
let page: Page;
let dir: string;
let secrets: ReturnType<typeof createSafeStorageVault>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tanto-secrets-ui-'));
  const safeStorage = fakeSafeStorage();
  secrets = createSafeStorageVault({ safeStorage, file: path.join(dir, SAFE_STORAGE_FILE), platform: 'win32' });
  await secrets.set(CLOUD_TOKEN_SECRET, 'old-cloud-token');
  await saveCartLogin(secrets, login);
  safeStorage.forget();
  world = await startUiWorld({ members: 5, secrets: { secrets, expectedSecrets: [CLOUD_TOKEN_SECRET] } });
  page = await openShopPage(world);
}, 120_000);

afterAll(async () => {
  await world?.close();
  rmSync(dir, { recursive: true, force: true });
});

const notice = () => page.getByTestId('secrets-notice');
const row = (kind: string) => notice().locator(`li[data-secret=${kind}]`);

describe('secrets this computer cannot decrypt', () => {
  it('are named in staff’s words, in every language and at both screen sizes', async () => {
    await notice().waitFor();
    await expect.poll(() => notice().locator('li').count()).toBe(2);
    expect(await row('cloudToken').textContent()).toContain('クラウドのトークン');
    expect(await row('cartLogin').textContent()).toContain('カート管理画面のログイン（shop.example.com）');
    const problems: string[] = [];
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      for (const language of ['ja', 'en', 'zh-TW'] as const) {
        await page.selectOption('.language select', language);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        await row('cloudToken').getByRole('button').waitFor();
        if (language === 'en') expect(await row('cloudToken').textContent()).toContain('Cloud token');
        problems.push(...(await page.evaluate(screenProblems, { language, keyRoots })).map((p) => `${size.width} ${language} ${p}`));
      }
    }
    await page.selectOption('.language select', 'ja');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(problems).toEqual([]);
    // Kept as they were until entered again.
    expect(await secrets.names()).toEqual([`cart-login/${deriveCartLoginRef(login)}`, CLOUD_TOKEN_SECRET]);
  });

  it('are taken entered again, one by one, until the banner is gone', async () => {
    await row('cloudToken').getByRole('button', { name: '入力し直す' }).click();
    await row('cloudToken').getByLabel('トークン', { exact: true }).fill('new-cloud-token');
    await row('cloudToken').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => notice().locator('li').count()).toBe(1);
    expect(await secrets.get(CLOUD_TOKEN_SECRET)).toBe('new-cloud-token');

    await row('cartLogin').getByRole('button', { name: '入力し直す' }).click();
    expect(await row('cartLogin').getByLabel('管理画面の URL').inputValue()).toBe('https://shop.example.com');
    await writeScreenshot(page, 'secrets-notice.png');
    await row('cartLogin').getByLabel('ログインのメールアドレス').fill(login.email);
    await row('cartLogin').getByLabel('パスワード', { exact: true }).fill('Hunter3');
    await row('cartLogin').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => notice().count()).toBe(0);
    expect(await loadCartLogin(secrets, deriveCartLoginRef(login))).toMatchObject({ email: login.email, password: 'Hunter3' });
    expect(readFileSync(path.join(dir, SAFE_STORAGE_FILE), 'utf8')).not.toContain('Hunter3');
  });

  it('asks for a cloud token the app has never had as one to enter, not again', async () => {
    await secrets.delete(CLOUD_TOKEN_SECRET);
    await page.reload();
    await notice().waitFor();
    expect(await notice().getByRole('heading').textContent()).toBe('接続情報を入力してください');
    expect(await row('cloudToken').getAttribute('data-state')).toBe('missing');
    await row('cloudToken').getByRole('button', { name: '入力する' }).click();
    await row('cloudToken').getByLabel('トークン', { exact: true }).fill('first-cloud-token');
    await row('cloudToken').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => notice().count()).toBe(0);
    expect(await secrets.get(CLOUD_TOKEN_SECRET)).toBe('first-cloud-token');
  });
});
