import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { loadCartLogin } from '../../electron/core/secrets/cart-logins';
import { createFileVault } from '../../electron/core/secrets/file-vault';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import type { CrosssellConfigData } from '../../electron/core/sync/change-schemas';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import { screenshotDir, startUiWorld, type UiWorld, writeScreenshot } from './ui-world';

/**
 * The cross-sell settings screen in Chromium against the headless shell and the cloud sandbox.
 * The shared UI world has no vault, as on a staff PC that is not the robot's: the login is given
 * by ref. The last part adds a second workstation with a vault, as on the robot's PC.
 */

let world: UiWorld;
let page: Page;

const NAME = 'クレンジング購入者へバームのクロスセル';
const PRODUCT = { code: 'SKN-004', name: 'クレンジングバーム 90g' };
const MESSAGE = '{カート顧客名}様\nご注文ありがとうございます。「{カート側商品名}」を承りました';

const editor = () => page.locator('.crosssell-editor');
const rows = () => page.locator('.crosssell-table tbody tr');
const rowNamed = (name: string) => rows().filter({ has: page.locator('td.name', { hasText: new RegExp(`^${name}$`) }) });
const cloudConfigs = () => [...world.cloud.store.crosssellConfigs.values()];
const cloudConfigNamed = (name: string) => cloudConfigs().find((c) => c.name === name);
const tagId = (name: string) => [...world.cloud.store.tags.values()].find((t) => t.name === name)!.id;

/** The seeded requests' statuses are random; one certain open request makes the refused delete meaningful. */
function holdOpenRequestOnSecondConfig(cloud: UiWorld['cloud']): void {
  const template = [...cloud.store.locRequests.values()].find((r) => r.crosssellConfigId != null)!;
  cloud.store.upsert('loc_request', {
    ...template,
    id: cloud.store.nextId('loc_request'),
    crosssellConfigId: 2,
    status: 'needs_manual',
    completionStatus: null,
    completedAt: null,
  });
}

async function listedNames(): Promise<string[]> {
  return rows().locator('td.name').allTextContents();
}

/** Checks the tag under the given list ('tagsAdd' | 'tagsRemove'), ticking the list's own box first. */
async function chooseTags(list: string, names: string[]): Promise<void> {
  const box = editor().locator(`fieldset[data-list=${list}]`);
  await box.locator(`input[name=${list}-enabled]`).check();
  for (const name of names) await box.locator(`input[value="${tagId(name)}"]`).check();
}

/** Everything but the message, which the tests type through the chips. */
async function fillEveryFieldButTheMessage(patch: { name?: string; code?: string; productName?: string } = {}): Promise<void> {
  const form = editor();
  await form.getByLabel('クロスセル管理名').fill(patch.name ?? NAME);
  await form.getByLabel('ログイン情報の参照名').fill('ecforce-main');
  await form.getByLabel('クロスセル商品名').fill(patch.productName ?? PRODUCT.name);
  await form.getByLabel('クロスセル商品コード').fill(patch.code ?? PRODUCT.code);
  await form.getByLabel('定期', { exact: true }).check();
  await form.getByLabel('単品', { exact: true }).check();
  await form.getByRole('button', { name: '+ 条件を追加' }).click();
  await form.getByRole('button', { name: '+ 条件を追加' }).click();
  const memo = form.locator('.memo-row');
  await memo.nth(0).getByLabel('書き込む内容').fill('LINEワンタップ {カート側商品名}');
  await memo.nth(1).getByLabel('書き込み先').selectOption('subscription_memo');
  await memo.nth(1).getByLabel('書き込む内容').fill('旧定期は停止済み');
  await chooseTags('tagsAdd', ['クロスセル受付済', 'VIP']);
  await chooseTags('tagsRemove', ['クロスセル案内済']);
  await form.getByLabel('停止する').check();
  await form.getByLabel('重複タップとみなす期間（時間）').fill('48');
}

beforeAll(async () => {
  world = await startUiWorld({ members: 60, seedCloud: holdOpenRequestOnSecondConfig });
  page = await world.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
  await page.click('nav.screens button[data-screen=crosssell]');
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('cross-sell settings in Chromium against the headless shell', () => {
  it("lists the cloud's configs", async () => {
    await expect.poll(listedNames).toEqual(cloudConfigs().sort((a, b) => a.id - b.id).map((c) => c.name));
    expect(await rowNamed('美容液購入者へ化粧水クロスセル').locator('td').nth(2).textContent()).toBe('SKN-002');
  });

  it('says why there is no list of logins on a workstation without a vault', async () => {
    await page.getByRole('button', { name: '追加する' }).click();
    await expect.poll(() => editor().getByTestId('crosssell-no-vault').textContent()).toContain('保管庫が設定されていない');
    expect(await editor().getByLabel('新しいログイン情報を入力する').isDisabled()).toBe(true);
    expect(await editor().getByLabel('ログイン情報の参照名').evaluate((el) => el.tagName)).toBe('INPUT');
  });

  it('chips insert the placeholders at the cursor and the preview shows the filled message', async () => {
    await fillEveryFieldButTheMessage();
    const message = editor().getByLabel('完了時に 1:1 トークで自動送信するメッセージ');
    await message.fill('\nご注文ありがとうございます。「」を承りました');
    // Cursor between 「 and 」: the product placeholder goes there, not at the end.
    const text = await message.inputValue();
    await message.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), text.indexOf('」'));
    await editor().getByRole('button', { name: 'カート側商品名' }).click();
    await message.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
    await editor().getByRole('button', { name: 'カート顧客名' }).click();
    // The caret is left after the inserted placeholder, so typing goes on from there.
    await page.keyboard.type('様');
    expect(await message.inputValue()).toBe(MESSAGE);
    await expect
      .poll(() => editor().getByTestId('crosssell-preview').textContent())
      .toBe('山田 花子様\nご注文ありがとうございます。「クレンジングバーム 90g」を承りました');
    await writeScreenshot(page, 'crosssell.png', { fullPage: true });
  });

  it('creates the config with every field as entered; the cloud has it and the list shows it', async () => {
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByTestId('crosssell-notice').textContent(), { timeout: 15_000 }).toBe('保存しました。');
    const saved = cloudConfigNamed(NAME);
    expect(saved).toBeDefined();
    const { id: _id, updatedAt: _at, ...settings } = saved!;
    expect(settings).toEqual({
      name: NAME,
      cart: 'ecforce',
      cartLoginRef: 'ecforce-main',
      productName: PRODUCT.name,
      productCode: PRODUCT.code,
      kind: 'single',
      memoWrites: [
        { field: 'order_memo', text: 'LINEワンタップ {カート側商品名}' },
        { field: 'subscription_memo', text: '旧定期は停止済み' },
      ],
      tagsAdd: [tagId('クロスセル受付済'), tagId('VIP')],
      tagsRemove: [tagId('クロスセル案内済')],
      messageTemplate: MESSAGE,
      stopRunningSubscriptions: true,
      repeatWindowHours: 48,
    } satisfies Omit<CrosssellConfigData, 'id' | 'updatedAt'>);
    await expect.poll(listedNames).toContain(NAME);
    expect(await rowNamed(NAME).getAttribute('data-id')).toBe(String(saved!.id));
    expect(await rowNamed(NAME).getAttribute('class')).toBe('selected');
    // The editor now shows the saved config as the cloud holds it.
    await expect.poll(() => editor().locator('h2').textContent()).toBe(`クロスセル設定を編集（ID ${saved!.id}）`);
    expect(await editor().getByLabel('クロスセル商品コード').inputValue()).toBe(PRODUCT.code);
    expect(await editor().getByLabel('停止する').isChecked()).toBe(true);
    expect(await editor().getByLabel('重複タップとみなす期間（時間）').inputValue()).toBe('48');
  });

  it('saves how long a repeat tap is not ordered again: whole hours up to 720, empty for 24, explained beside the field', async () => {
    const id = cloudConfigNamed(NAME)!.id;
    const hours = editor().getByLabel('重複タップとみなす期間（時間）');
    const help = editor().locator('#crosssell-repeat-window-help');
    expect(await hours.getAttribute('aria-describedby')).toContain('crosssell-repeat-window-help');
    expect(await help.textContent()).toContain('もう一度は注文しません');
    expect(await help.textContent()).toContain('空欄なら 24 時間です');
    expect(await hours.getAttribute('placeholder')).toBe('24');

    const mutations = world.cloud.store.mutations.length;
    await hours.fill('721');
    await editor().getByRole('button', { name: '保存する' }).click();
    const error = editor().locator('#crosssell-repeat-window-error');
    await expect.poll(() => error.textContent()).toBe('0〜720 の整数（時間）で入力してください。空欄なら 24 時間です');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(world.cloud.store.mutations.length).toBe(mutations);

    await hours.fill('');
    await expect.poll(() => error.count()).toBe(0);
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => world.cloud.store.crosssellConfigs.get(id)?.repeatWindowHours, { timeout: 15_000 }).toBeNull();

    // Hours typed with a Japanese keyboard are the same number.
    await hours.fill('７２');
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => world.cloud.store.crosssellConfigs.get(id)?.repeatWindowHours, { timeout: 15_000 }).toBe(72);
    await expect.poll(() => hours.inputValue()).toBe('72');

    await hours.fill('48');
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => world.cloud.store.crosssellConfigs.get(id)?.repeatWindowHours, { timeout: 15_000 }).toBe(48);
  });

  it('refuses an unknown product code with a Japanese message beside the field, saving nothing', async () => {
    const mutations = world.cloud.store.mutations.length;
    const configs = world.cloud.store.crosssellConfigs.size;
    await page.getByRole('button', { name: '追加する' }).click();
    await fillEveryFieldButTheMessage({ name: '存在しない商品', code: 'SKN-999' });
    await editor().getByRole('button', { name: '保存する' }).click();
    const code = editor().getByLabel('クロスセル商品コード');
    const error = editor().locator('#crosssell-product-code-error');
    await expect
      .poll(() => error.textContent())
      .toBe('商品コード「SKN-999」は ecforce の商品マスタにありません。商品コードと完全一致で入力してください');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.getAttribute('aria-describedby')).toContain('crosssell-product-code-error');
    expect(await editor().getByTestId('crosssell-fix-above').textContent()).toBe('入力内容を確認してください。保存されていません。');

    // A known code under another name: the master's name is given.
    await code.fill('SKN-002');
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(() => editor().locator('#crosssell-product-name-error').textContent())
      .toBe('商品コード「SKN-002」の商品マスタ名は「保湿化粧水 150mL」です。完全一致で入力してください');
    // The synced master is offered beside the code, and taking its name clears the refusal.
    expect(await editor().getByTestId('crosssell-master-name').textContent()).toContain('商品マスタ名: 保湿化粧水 150mL');
    await editor().getByRole('button', { name: 'この名前を使う' }).click();
    expect(await editor().getByLabel('クロスセル商品名').inputValue()).toBe('保湿化粧水 150mL');
    await expect.poll(() => editor().locator('#crosssell-product-name-error').count()).toBe(0);
    expect(world.cloud.store.mutations.length).toBe(mutations);
    expect(world.cloud.store.crosssellConfigs.size).toBe(configs);
    expect(await listedNames()).not.toContain('存在しない商品');
  });

  it('refuses an unknown placeholder with a message naming it, saving nothing', async () => {
    const mutations = world.cloud.store.mutations.length;
    await editor().getByLabel('クロスセル商品名').fill('保湿化粧水 150mL');
    const message = editor().getByLabel('完了時に 1:1 トークで自動送信するメッセージ');
    await message.fill('{顧客名}様、ありがとうございます');
    const error = editor().locator('#crosssell-message-error');
    const expected = '使えない差し込み項目があります: {顧客名}（使えるのは {カート顧客名} と {カート側商品名} です）';
    await expect.poll(() => error.textContent()).toBe(expected);
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => editor().getByTestId('crosssell-fix-above').isVisible()).toBe(true);
    expect(await error.textContent()).toBe(expected);
    expect(await message.getAttribute('aria-invalid')).toBe('true');
    // Unknown placeholders are left as typed in the preview: that is what the customer would get.
    expect(await editor().getByTestId('crosssell-preview').textContent()).toBe('{顧客名}様、ありがとうございます');
    expect(world.cloud.store.mutations.length).toBe(mutations);
    expect(cloudConfigNamed('存在しない商品')).toBeUndefined();
  });

  it('asks before giving up unsaved changes, from the editor or the navigation, and keeps them when staff say no', async () => {
    const name = editor().getByLabel('クロスセル管理名');
    expect(await name.inputValue()).toBe('存在しない商品');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await editor().getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => asked).toEqual(['保存していない変更があります。破棄してよろしいですか？']);
    expect(await name.inputValue()).toBe('存在しない商品');

    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.click('nav.screens button[data-screen=dashboard]');
    await expect.poll(() => asked.length).toBe(2);
    expect(await page.locator('nav.screens button[aria-current=page]').getAttribute('data-screen')).toBe('crosssell');
    expect(await name.inputValue()).toBe('存在しない商品');

    page.once('dialog', (dialog) => void dialog.accept());
    await editor().getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => editor().count()).toBe(0);
  });

  it('duplicates the config: the copy has every setting but its id and name, and opens for editing', async () => {
    const source = cloudConfigNamed(NAME)!;
    await rowNamed(NAME).getByRole('button', { name: '複製' }).click();
    const copyName = `${NAME} のコピー`;
    await expect.poll(() => page.getByTestId('crosssell-notice').textContent(), { timeout: 15_000 }).toBe(
      `「${copyName}」を作成しました。商品名と商品コードを変更して保存してください。`,
    );
    const copy = cloudConfigNamed(copyName)!;
    expect(copy.id).not.toBe(source.id);
    const settings = ({ id: _id, name: _name, updatedAt: _at, ...rest }: CrosssellConfigData) => rest;
    expect(settings(copy)).toEqual(settings(source));
    await expect.poll(listedNames).toContain(copyName);
    await expect.poll(() => editor().locator('h2').textContent()).toBe(`クロスセル設定を編集（ID ${copy.id}）`);
    expect(await editor().getByLabel('クロスセル管理名').inputValue()).toBe(copyName);
    expect(await editor().getByLabel('完了時に 1:1 トークで自動送信するメッセージ').inputValue()).toBe(MESSAGE);
  });

  it('edits the copy: a new product, saved to the cloud', async () => {
    const copyName = `${NAME} のコピー`;
    const id = cloudConfigNamed(copyName)!.id;
    await editor().getByLabel('クロスセル商品名').fill('炭酸泡洗顔 150g');
    await editor().getByLabel('クロスセル商品コード').fill('SKN-005');
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => world.cloud.store.crosssellConfigs.get(id)?.productCode, { timeout: 15_000 }).toBe('SKN-005');
    expect(world.cloud.store.crosssellConfigs.get(id)).toMatchObject({ productName: '炭酸泡洗顔 150g', name: copyName, messageTemplate: MESSAGE });
    await expect.poll(() => rowNamed(copyName).locator('td').nth(2).textContent()).toBe('SKN-005');
  });

  it('deletes only after confirmation', async () => {
    const copyName = `${NAME} のコピー`;
    const id = cloudConfigNamed(copyName)!.id;
    await rowNamed(copyName).getByRole('button', { name: '削除' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`「${copyName}」を削除しますか？`);
    await confirm.getByRole('button', { name: 'キャンセル' }).click();
    expect(world.cloud.store.crosssellConfigs.has(id)).toBe(true);
    expect(await listedNames()).toContain(copyName);

    await rowNamed(copyName).getByRole('button', { name: '削除' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '削除する' }).click();
    await expect.poll(() => world.cloud.store.crosssellConfigs.has(id), { timeout: 15_000 }).toBe(false);
    await expect.poll(listedNames).not.toContain(copyName);
    expect(await page.getByTestId('crosssell-notice').textContent()).toBe(`「${copyName}」を削除しました。`);
    // The editor showed the deleted config, so it closed.
    expect(await editor().count()).toBe(0);
  });

  it('refuses to delete a config that open requests still use, and says so', async () => {
    const inUse = world.cloud.store.crosssellConfigs.get(2)!;
    const mutations = world.cloud.store.mutations.length;
    await rowNamed(inUse.name).getByRole('button', { name: '削除' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '削除する' }).click();
    const refusal = page.getByTestId('crosssell-delete-error');
    await expect.poll(() => refusal.textContent()).toMatch(/^削除できませんでした。この設定を使う未完了の申請が \d+ 件あるため削除できません。/);
    expect(world.cloud.store.crosssellConfigs.has(2)).toBe(true);
    expect(world.cloud.store.mutations.length).toBe(mutations);
    await page.getByRole('alertdialog').getByRole('button', { name: 'キャンセル' }).click();
    expect(await listedNames()).toContain(inUse.name);
  });

  it('switching the language rewords the field messages on screen', async () => {
    await page.getByRole('button', { name: '追加する' }).click();
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => editor().locator('#crosssell-name-error').textContent()).toBe('クロスセル管理名を入力してください');
    await page.selectOption('.language select', 'en');
    await expect.poll(() => editor().locator('#crosssell-name-error').textContent()).toBe('Enter a cross-sell name');
    await page.selectOption('.language select', 'zh-TW');
    await expect.poll(() => editor().locator('#crosssell-name-error').textContent()).toBe('請輸入交叉銷售管理名稱');
    await page.selectOption('.language select', 'ja');
  });
});

/**
 * The robot's PC: a second core with a file vault, synced from the same cloud, behind its own
 * headless shell. The renderer is built here because the UI world keeps its build to itself.
 */
describe('on a workstation with a vault', () => {
  const PASSWORD = 'Pa55-秘密-7c1e';
  let dir: string;
  let vault: SecretStore;
  let core: Core;
  let shell: HeadlessShell;
  let robotPc: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tanto-ui-vault-'));
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const config = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));
      await build({ configFile: config, mode: 'production', logLevel: 'warn', build: { outDir: path.join(dir, 'renderer'), emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    vault = createFileVault({ file: path.join(dir, 'secrets.vault'), key: Buffer.alloc(32, 7) });
    core = createCore({ dataDir: path.join(dir, 'data'), cloud: { baseUrl: world.cloud.url, token: world.cloud.token }, secrets: vault, log: () => undefined });
    await core.sync.now();
    shell = await startHeadlessShell({ api: core.api, events: core.events, log: () => undefined, announceUrl: false, rendererDir: path.join(dir, 'renderer') });
    robotPc = await world.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    await robotPc.goto(shell.url);
    await robotPc.click('nav.screens button[data-screen=crosssell]');
  }, 120_000);

  afterAll(async () => {
    await robotPc?.close();
    await shell?.close();
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores a new cart login in the vault only, and offers it by its e-mail and site afterwards', async () => {
    const form = robotPc.locator('.crosssell-editor');
    await robotPc.getByRole('button', { name: '追加する' }).click();
    expect(await form.getByTestId('crosssell-no-vault').count()).toBe(0);
    await form.getByLabel('新しいログイン情報を入力する').check();
    await form.getByLabel('クロスセル管理名').fill('青汁定期のクロスセル（ロボットPC）');
    await form.getByLabel('カート管理画面の URL').fill('https://shop.ec-force.com');
    await form.getByLabel('メールアドレス').fill('robot-at-shop');
    await form.getByLabel('パスワード', { exact: true }).fill(PASSWORD);
    await form.getByLabel('クロスセル商品名').fill('【定期】青汁 30包');
    await form.getByLabel('クロスセル商品コード').fill('SUB-HLT-001');
    await form.getByLabel('定期', { exact: true }).check();
    const mutations = world.cloud.store.mutations.length;
    await form.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => form.locator('#crosssell-email-error').textContent()).toBe('メールアドレスの形式が正しくありません');
    expect(world.cloud.store.mutations.length).toBe(mutations);
    expect(await vault.names()).toEqual([]);

    await form.getByLabel('メールアドレス').fill('robot@shop.example.jp');
    await form.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => cloudConfigNamed('青汁定期のクロスセル（ロボットPC）')?.cartLoginRef, { timeout: 15_000 }).toMatch(/^ecforce-shop\.ec-force\.com-[0-9a-f]{10}$/);
    const saved = cloudConfigNamed('青汁定期のクロスセル（ロボットPC）')!;
    expect(saved).toMatchObject({ productCode: 'SUB-HLT-001', kind: 'subscription' });
    expect(await loadCartLogin(vault, saved.cartLoginRef!)).toMatchObject({ email: 'robot@shop.example.jp', baseUrl: 'https://shop.ec-force.com', password: PASSWORD });
    expect(JSON.stringify([world.cloud.store.mutations, cloudConfigs()])).not.toContain(PASSWORD);

    // The saved config now names its login from the vault's list.
    await expect.poll(() => form.locator('h2').textContent()).toBe(`クロスセル設定を編集（ID ${saved.id}）`);
    const login = form.getByLabel('ログイン情報の参照名');
    await expect.poll(() => login.inputValue()).toBe(saved.cartLoginRef);
    // The list of stored logins is fetched again after the save; until then the option shows the bare reference.
    await expect.poll(() => login.locator('option:checked').textContent()).toBe('robot@shop.example.jp — https://shop.ec-force.com');
    await writeScreenshot(robotPc, 'crosssell-login.png', { fullPage: true });
  });
});
