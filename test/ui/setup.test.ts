import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { screenProblems } from './layout-checks';
import { startSetupWorld, type SetupWorld } from './setup-world';
import { writeScreenshot } from './ui-world';

/**
 * A shop set up from the app: the headless shell started with no shop serves the first-run flow
 * in Chromium, against the cloud, LINE and ecforce sandboxes. Staff walk it with the keyboard and
 * the mouse: a wrong cloud token refused and the right one taken, the LINE token, a cart login
 * whose 接続テスト finds 定期受注管理 missing and then one with every right, the workstation's
 * name, the robot; the app then opens on the requests the cloud synced, and 設定 shows it all
 * again without a single secret.
 */
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });
const languages = ['ja', 'en', 'zh-TW'] as const;
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const keyRoots = Object.keys(catalogs.ja);
const WORKSTATION = 'レジ横のPC';
const WRONG_TOKEN = 'not-the-shops-token';

/** Every step as the walk saw it, to look at when a check fails (not kept in the repo). */
const walkShots = fileURLToPath(new URL('../../test-results/setup-walk', import.meta.url));

let world: SetupWorld;
let page: Page;

const setup = () => page.getByTestId('setup');

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
const step = () => setup().getAttribute('data-step');
const account = (email: string) => {
  const found = world.sandboxes.ecforce.accounts.find((a) => a.email === email);
  if (!found) throw new Error(`the ecforce sandbox has no ${email}`);
  return found;
};

/** What a staff member would see as broken, in each language at both sizes, on what is shown now. */
async function problemsEverywhere(where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    for (const language of languages) {
      await page.selectOption('.language select', language);
      await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      await page.screenshot({ path: path.join(walkShots, `${where.replace(/\s+/g, '-')}-${size.width}-${language}.png`) });
      problems.push(...(await page.evaluate(screenProblems, { language, keyRoots })).map((p) => `${where} ${size.width} ${language} ${p}`));
    }
  }
  await page.selectOption('.language select', 'ja');
  await page.setViewportSize(sizes[0]!);
  return problems;
}

beforeAll(async () => {
  mkdirSync(walkShots, { recursive: true });
  world = await startSetupWorld({ taps: 3 });
  page = await world.browser.newPage({ viewport: sizes[0], locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await page.goto(world.app.shell.url);
}, 180_000);

afterAll(async () => {
  await world?.close();
});

describe('the first-run flow on a new shop', () => {
  it('opens instead of the screens, saying what the cloud is for, with its progress', async () => {
    await setup().waitFor();
    expect(await step()).toBe('cloud');
    expect(await page.locator('nav.screens').count()).toBe(0);
    expect(await page.getByTestId('setup-count').textContent()).toBe('ステップ 1 / 6');
    expect(await setup().locator('.setup-progress li[aria-current=step]').textContent()).toBe('クラウド');
    expect(await setup().textContent()).toContain('LOC申請をクラウドから受け取り');
    // The cloud cannot be left for later.
    expect(await page.getByTestId('setup-skip').count()).toBe(0);
    expect(await problemsEverywhere('cloud')).toEqual([]);
  });

  it('says beside each field what is missing, and that an address does not answer', async () => {
    const address = page.getByLabel('クラウドのアドレス');
    await address.focus();
    await page.keyboard.press('Enter');
    const errors = setup().locator('.field-error');
    await poll(() => errors.allTextContents()).toEqual(['入力してください。', '入力してください。']);
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.type(`http://127.0.0.1:${await closedPort()}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(WRONG_TOKEN);
    await page.keyboard.press('Enter');
    await poll(() => setup().getByTestId('cloud-test').textContent()).toBe('クラウドに接続できません。アドレスとインターネット接続を確かめてください。');
    // Under the address, above the token.
    const [said, token] = [await setup().getByTestId('cloud-test').boundingBox(), await page.getByLabel('クラウドのトークン', { exact: false }).boundingBox()];
    expect(said!.y).toBeLessThan(token!.y);
    expect(await step()).toBe('cloud');
  });

  it('refuses a wrong cloud token beside its field and takes the right one, from the keyboard', async () => {
    const { cloud } = world.sandboxes;
    const address = page.getByLabel('クラウドのアドレス');
    await address.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(cloud.url);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(WRONG_TOKEN);
    await page.keyboard.press('Enter');
    const refusal = setup().getByTestId('cloud-test');
    await poll(() => refusal.textContent()).toBe('トークンが受け付けられませんでした。届いたトークンをもう一度確かめて入力してください。');
    const token = page.getByLabel('クラウドのトークン', { exact: false });
    expect(await token.getAttribute('aria-invalid')).toBe('true');
    // Said where staff look: right under the token, not at the foot of the form.
    const [under, field] = [await refusal.boundingBox(), await token.boundingBox()];
    expect(under!.y).toBeGreaterThan(field!.y);
    expect(under!.y - (field!.y + field!.height)).toBeLessThan(60);
    expect(await step()).toBe('cloud');
    await writeScreenshot(page, 'setup-cloud-refused.png');

    await token.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(cloud.token);
    await page.keyboard.press('Enter');
    await poll(() => step(), 30_000).toBe('line');
    await world.app.settled();
    expect(await page.getByTestId('setup-count').textContent()).toBe('ステップ 2 / 6');
    expect(await setup().locator('.setup-progress li[data-done=true]').allTextContents()).toEqual(['クラウド']);
  });

  it('opens again at the step it had reached after a reload', async () => {
    await page.reload();
    await setup().waitFor();
    expect(await step()).toBe('line');
  });

  it('takes the LINE token and moves on', async () => {
    expect(await setup().textContent()).toContain('チャネルアクセストークン');
    expect(await problemsEverywhere('line')).toEqual([]);
    await page.getByLabel('チャネルアクセストークン', { exact: false }).fill(world.sandboxes.line.channelToken);
    await setup().getByRole('button', { name: '保存して次へ' }).click();
    await poll(() => step(), 30_000).toBe('cart');
    await world.app.settled();
  });

  it('tests a cart login that lacks 定期受注管理 and says what to do, refuses a wrong password, then saves one with every right', async () => {
    const { ecforce } = world.sandboxes;
    const form = setup().getByTestId('cart-login-form');
    const noSubs = account('no-subs@example.jp');
    await form.getByLabel('管理画面の URL').fill(ecforce.url);
    await form.getByLabel('ログインのメールアドレス').fill(noSubs.email);
    await form.getByLabel('パスワード').fill(noSubs.password);
    await form.getByRole('button', { name: '接続テスト' }).click();
    const result = form.getByTestId('cart-test');
    await poll(() => result.getAttribute('data-result'), 60_000).toBe('missingRights');
    expect(await result.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-right')))).toEqual(['定期受注管理']);
    expect(await result.textContent()).toContain('定期受注管理 — 定期の確認と停止に必要です');
    expect(await result.textContent()).toContain('カートの管理者に、このアカウントへ上の権限を付けてもらってから');
    await writeScreenshot(page, 'setup-cart-missing.png');
    await page.selectOption('.language select', 'en');
    await poll(() => result.textContent()).toContain('定期受注管理 (subscription order management) — needed to check and stop subscriptions');
    expect(await result.textContent()).toContain("Ask the cart's administrator to grant these rights");
    expect(await problemsEverywhere('cart missing')).toEqual([]);
    // Nothing was stored for a login that cannot do the robot's work.
    expect(await setup().getByTestId('cart-logins').locator('tr[data-ref]').count()).toBe(0);

    const robot = account('robot@example.jp');
    await form.getByLabel('ログインのメールアドレス').fill(robot.email);
    await form.getByLabel('パスワード').fill(`${robot.password}x`);
    await form.getByRole('button', { name: '接続テスト' }).click();
    await poll(() => result.getAttribute('data-result'), 60_000).toBe('loginRefused');
    expect(await result.textContent()).toBe('ログインできませんでした。メールアドレスとパスワードを確かめてください。');
    expect(await form.getByLabel('パスワード').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('パスワード').fill(robot.password);
    await form.getByRole('button', { name: 'このログインを保存する' }).click();
    const row = setup().getByTestId('cart-logins').locator('tr[data-ref]');
    await poll(() => row.count(), 60_000).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe(robot.email);
    expect(await row.getByTestId('secret-state').textContent()).toBe('保存済み');
    expect(await page.locator('input[type=password]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).not.toContain(robot.password);
    await setup().getByTestId('setup-next').click();
    await poll(() => step()).toBe('workstation');
  });

  it('names the workstation, then keeps the robot as it is', async () => {
    const name = page.locator('input[name=workstation-name]');
    await name.focus();
    await page.keyboard.type(WORKSTATION);
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.workstation-name [role=status]').textContent()).toBe(`「${WORKSTATION}」として保存しました。`);
    await setup().getByTestId('setup-next').click();
    await poll(() => step()).toBe('robot');
    expect(await setup().getByTestId('night-mode').count()).toBe(1);
    expect(await problemsEverywhere('robot')).toEqual([]);
    await writeScreenshot(page, 'setup-robot.png');
    await setup().getByTestId('setup-next').click();
    await poll(() => step()).toBe('done');
  });

  it('sums up what was set and ends in the app, which shows the requests the cloud synced', async () => {
    const summary = setup().getByTestId('setup-summary');
    await poll(() => summary.locator('dd[data-field=night]').textContent()).not.toBe('');
    expect(await summary.locator('dd').allTextContents()).toEqual([world.sandboxes.cloud.url, '保存済み', '1 件', WORKSTATION, '2', '使いません（あとで「設定」で決められます）']);
    expect(await problemsEverywhere('done')).toEqual([]);
    await writeScreenshot(page, 'setup-done.png');
    await setup().getByRole('button', { name: '設定を終えて Tanto を使い始める' }).click();
    await page.locator('nav.screens').waitFor();
    expect(await setup().count()).toBe(0);
    await poll(() => page.locator('.loc-row[data-id]').count(), 30_000).toBe(world.requestIds.length);
    const shown = await page.locator('.loc-row[data-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    expect(shown.sort()).toEqual([...world.requestIds].sort());
    // Finished for good: a reload opens the app, not the flow.
    await page.reload();
    await page.locator('nav.screens').waitFor();
    expect(await setup().count()).toBe(0);
  });
});

describe('設定, once the shop is set up', () => {
  it('shows each part as saved, never a secret, and tests the stored cart login again', async () => {
    await page.click('nav.screens button[data-screen=settings]');
    const screen = page.getByTestId('settings-screen');
    await screen.waitFor();
    const panel = (name: string) => screen.locator(`section[data-panel=${name}]`);
    await poll(() => panel('cloud').getByTestId('secret-state').textContent()).toBe('保存済み');
    expect(await panel('line').getByTestId('secret-state').textContent()).toBe('保存済み');
    expect(await panel('cloud').locator('input[name=cloudUrl]').inputValue()).toBe(world.sandboxes.cloud.url);
    expect(await page.locator('input[name=workstation-name]').inputValue()).toBe(WORKSTATION);
    const html = await page.content();
    for (const secret of [world.sandboxes.cloud.token, world.sandboxes.line.channelToken, account('robot@example.jp').password]) expect(html).not.toContain(secret);

    const row = panel('cart').locator('tr[data-ref]');
    await row.getByRole('button', { name: '接続テスト' }).click();
    await poll(() => panel('cart').getByTestId('cart-test').getAttribute('data-result'), 60_000).toBe('ok');
    expect(await panel('cart').getByTestId('cart-test').textContent()).toBe('ログインでき、受注管理・受注作成・定期受注管理の権限がすべてあります。');
    expect(await problemsEverywhere('settings')).toEqual([]);
    await writeScreenshot(page, 'setup-settings.png');
  });

  it('changes the robot later: a number out of range is said beside the field, a good one is kept in the shop file', async () => {
    const panel = page.getByTestId('settings-screen').locator('section[data-panel=robot]');
    const field = panel.locator('input[name=robot-concurrency]');
    await field.fill('9');
    await field.press('Enter');
    await poll(() => panel.locator('.field-error').textContent()).toBe('1 から 8 までの数を入力してください。');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('1');
    await field.press('Enter');
    await poll(() => panel.getByRole('status').textContent()).toBe('保存しました。');
    await world.app.settled();
    expect(JSON.parse(readFileSync(path.join(world.dataDir, 'tanto.json'), 'utf8'))).toMatchObject({ cloud: { baseUrl: world.sandboxes.cloud.url }, robot: { concurrency: 1 } });
    await poll(() => field.inputValue()).toBe('1');
  });

  it('left no token or password in plain text in the data folder or the log', () => {
    const secrets = [world.sandboxes.cloud.token, world.sandboxes.line.channelToken, account('robot@example.jp').password, account('no-subs@example.jp').password, `${account('robot@example.jp').password}x`, WRONG_TOKEN];
    const files = readdirSync(world.dataDir, { recursive: true, encoding: 'utf8' })
      .map((name) => path.join(world.dataDir, name))
      .filter((file) => statSync(file).isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${file} holds a secret`).toBe(false);
    }
    for (const secret of secrets) expect(world.logs.join('\n')).not.toContain(secret);
  });
});
