import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';
import type { Core } from '../../electron/core/app';
import { LINE_TEXT_MAX_UTF16_UNITS } from '../../electron/core/line/text-message';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import { lineUserIdFor } from '../../sandbox/line/profiles';
import { buildRenderer, screenshotDir } from '../ui/ui-world';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, type Sandboxes } from './world';

/**
 * How the robot finishes a request and whom it orders for, end to end: the robot in Chromium
 * against the ecforce, cloud and LINE sandboxes, the cloud's records and the sandboxes'
 * inspection as the judge, then 完了したLOC申請 in Chromium against the headless shell.
 */
const WORKSTATION = 'レジ横PC';
const STAFF = '佐藤 花子';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

let s: Sandboxes;
let core: Core;
let scratch: { dir: string; remove(): void };
let workDir: string;
let shell: HeadlessShell;
let browser: Browser;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-finishing-'));
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  s = await startSandboxes({ customers: 4 });
  scratch = scratchDir();
  core = await startRobotCore(endpointsOf(s), { dataDir: scratch.dir, holder: `pc-7f3a#1a2b3c4d`, maxAttempts: 2 });
  // The shop names the workstation; the robot finishes requests under that name, not the computer's.
  expect(await core.api.call('workstation.setName', { name: WORKSTATION })).not.toHaveProperty('error');
  shell = await startHeadlessShell({ api: core.api, events: core.events, log: () => undefined, announceUrl: false, rendererDir });
  browser = await launchRobotBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await shell?.close();
  await core?.close();
  await s?.close();
  scratch?.remove();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface Linked {
  memberId: number;
  lineUserId: string;
  customerNumber: string;
}

/**
 * A customer in the cart and a member in the cloud, linked by customer number, each side with its
 * own name and phone as the test wants them to differ, and a LINE friend to message.
 */
function linkCustomer(cart: { name: string; phone: string }, member: { name: string; phone: string | null }): Linked {
  const customer = s.ecforce.store.addCustomer({
    name: cart.name,
    kana: '',
    phone: cart.phone,
    email: '',
    postalCode: '150-0041',
    address: '東京都渋谷区神南1-1-1',
    status: '会員',
  });
  const store = s.cloud.store;
  const at = store.clock.now().toISOString();
  const memberId = store.nextId('member');
  const lineUserId = lineUserIdFor(`finishing-${customer.number}`);
  store.upsert('member', {
    id: memberId,
    lineUserId,
    displayName: member.name,
    name: member.name,
    nameKana: null,
    phone: member.phone,
    email: null,
    operator: null,
    followedAt: at,
    updatedAt: at,
  });
  store.upsert('cart_customer', {
    id: store.nextId('cart_customer'),
    memberId,
    cart: 'ecforce',
    customerNumber: customer.number,
    name: member.name,
    phone: member.phone,
    email: null,
    updatedAt: at,
  });
  s.line.addProfiles([{ userId: lineUserId, displayName: member.name }]);
  return { memberId, lineUserId, customerNumber: customer.number };
}

/** A copy of the single-product cross-sell with some fields changed. */
function configLike(patch: { name: string; messageTemplate?: string; productCode?: string }): number {
  const store = s.cloud.store;
  const base = store.crosssellConfigs.get(s.world.configIds.single);
  if (!base) throw new Error('no single cross-sell');
  const id = store.nextId('crosssell_config');
  store.upsert('crosssell_config', { ...base, id, ...patch });
  return id;
}

async function work(): Promise<void> {
  await core.sync.now();
  core.robot?.start();
  await core.robot?.whenIdle();
  await core.sync.now();
}

const ordersOf = (customerNumber: string) => s.ecforce.inspect().orders.filter((o) => o.customerNumber === customerNumber);
const messagesTo = (lineUserId: string) => s.line.delivered().filter((m) => m.to === lineUserId);
const cloudRequest = (id: number) => s.cloud.store.locRequests.get(id);

/** The requests the robot worked, by what each shows. */
const ids = { robotDone: 0, nameDiffers: 0, phoneDiffers: 0, tooLong: 0, notInMaster: 0 };
const people: Record<keyof typeof ids, Linked | null> = { robotDone: null, nameDiffers: null, phoneDiffers: null, tooLong: null, notInMaster: null };

describe('before ordering, the robot checks whom it orders for and what it will send', () => {
  it('orders for a matching customer, warns of a different name, and orders nothing for a different phone, a message LINE would refuse or a product the master lacks', { timeout: 240_000 }, async () => {
    // The same number in the forms a cart and a replica hold it: hyphens, +81, full-width digits, parentheses, spaces.
    people.robotDone = linkCustomer({ name: '山本 彩', phone: '090-2222-3333' }, { name: '山本　彩', phone: '+81 90-2222-3333' });
    people.nameDiffers = linkCustomer({ name: '中村 葵', phone: '(080) 4444-5555' }, { name: '佐藤 恵子', phone: '０８０４４４４５５５５' });
    people.phoneDiffers = linkCustomer({ name: '高橋 翔太', phone: '070-1111-2222' }, { name: '高橋 翔太', phone: '070-9999-8888' });
    // A long name the message grows by once {カート顧客名} is filled in: 5,000 units as written, more as sent.
    const longName = 'ヴィクトリア・アレクサンドロヴナ・ペトロワ';
    people.tooLong = linkCustomer({ name: longName, phone: '090-7777-6666' }, { name: longName, phone: '09077776666' });
    people.notInMaster = linkCustomer({ name: '伊藤 蓮', phone: '080-3333-1111' }, { name: '伊藤 蓮', phone: '080-3333-1111' });

    const filler = '😀'.repeat((LINE_TEXT_MAX_UTF16_UNITS - '{カート顧客名}様\n'.length) / 2);
    const template = `{カート顧客名}様\n${filler}`;
    expect(template.length).toBe(LINE_TEXT_MAX_UTF16_UNITS);
    const tooLongConfig = configLike({ name: '長いメッセージの設定', messageTemplate: template });
    const notInMasterConfig = configLike({ name: '商品マスタにない商品', productCode: 'NOPE-999' });

    const ordersBefore = s.ecforce.inspect().orders.length;
    ids.robotDone = await s.world.tap(people.robotDone.memberId, s.world.configIds.single);
    ids.nameDiffers = await s.world.tap(people.nameDiffers.memberId, s.world.configIds.single);
    ids.phoneDiffers = await s.world.tap(people.phoneDiffers.memberId, s.world.configIds.single);
    ids.tooLong = await s.world.tap(people.tooLong.memberId, tooLongConfig);
    ids.notInMaster = await s.world.tap(people.notInMaster.memberId, notInMasterConfig);
    await work();

    // Matching phone in another form: ordered once, messaged once, finished as the config says, by this workstation's robot.
    expect(cloudRequest(ids.robotDone)).toMatchObject({ status: 'done', completionStatus: 'クロスセル受付', finishedBy: { kind: 'robot', name: WORKSTATION } });
    expect(ordersOf(people.robotDone.customerNumber)).toHaveLength(1);
    expect(messagesTo(people.robotDone.lineUserId)).toHaveLength(1);
    // Only a space of another width between the names: no warning.
    expect(cloudRequest(ids.robotDone)?.robotResult?.message).not.toMatch(/注意/);

    // Same phone, another name: ordered, with the difference said in the result.
    const warned = cloudRequest(ids.nameDiffers);
    expect(warned).toMatchObject({ status: 'done', completionStatus: 'クロスセル受付', finishedBy: { kind: 'robot', name: WORKSTATION } });
    expect(warned?.robotResult?.message).toMatch(/注意: カートの顧客名「中村 葵」が友だちの氏名「佐藤 恵子」と異なります/);
    // The same as data, so each workstation says it in its viewer's language.
    expect(warned?.robotResult?.reason).toMatchObject({
      key: 'sentences',
      params: [{ key: 'orderCreated' }, { key: 'notice', params: [{ key: 'customerNameDiffers', params: ['中村 葵', '佐藤 恵子'] }] }],
    });
    expect(ordersOf(people.nameDiffers.customerNumber)).toHaveLength(1);
    expect(messagesTo(people.nameDiffers.lineUserId)).toHaveLength(1);

    // Another phone: a person decides, shown both sides; nothing ordered, nothing sent.
    const refused = cloudRequest(ids.phoneDiffers);
    expect(refused?.status).toBe('needs_manual');
    expect(refused?.finishedBy ?? null).toBeNull();
    for (const side of ['高橋 翔太', '070-1111-2222', '070-9999-8888']) expect(refused?.robotResult?.message).toContain(side);
    expect(refused?.robotResult?.message).toMatch(/カートの顧客（高橋 翔太、電話番号 070-1111-2222）と友だち（高橋 翔太、電話番号 070-9999-8888）/);
    expect(refused?.robotResult?.reason).toEqual({ key: 'customerPhoneMismatch', params: ['高橋 翔太', '070-1111-2222', '高橋 翔太', '070-9999-8888'] });
    expect(ordersOf(people.phoneDiffers.customerNumber)).toHaveLength(0);
    expect(messagesTo(people.phoneDiffers.lineUserId)).toHaveLength(0);

    // A message past LINE's limit once the name is in: nothing ordered, nothing sent.
    const tooLong = cloudRequest(ids.tooLong);
    expect(tooLong?.status).toBe('needs_manual');
    expect(tooLong?.robotResult?.message).toContain(`${longName.length + LINE_TEXT_MAX_UTF16_UNITS - '{カート顧客名}'.length} 文字（UTF-16）`);
    expect(ordersOf(people.tooLong.customerNumber)).toHaveLength(0);
    expect(messagesTo(people.tooLong.lineUserId)).toHaveLength(0);

    // A product code the product master lacks: refused before the cart is asked for anything.
    const missing = cloudRequest(ids.notInMaster);
    expect(missing?.status).toBe('needs_manual');
    expect(missing?.robotResult?.message).toMatch(/商品コード NOPE-999 が商品マスタにありません/);
    expect(ordersOf(people.notInMaster.customerNumber)).toHaveLength(0);
    const prepared = core.db
      .prepare(`SELECT s.state FROM run_steps s JOIN robot_runs r ON r.id = s.run_id WHERE r.loc_request_id = ? AND s.step = 'prepare'`)
      .pluck()
      .all(ids.notInMaster);
    expect(prepared).toEqual(['failed']);

    // The cart holds exactly the two orders made for the customers who are who the members are.
    expect(s.ecforce.inspect().orders.length - ordersBefore).toBe(2);
    for (const id of [ids.phoneDiffers, ids.tooLong, ids.notInMaster]) {
      expect(core.db.prepare('SELECT count(*) FROM robot_runs WHERE loc_request_id = ?').pluck().get(id), `runs of LOC ${id}`).toBe(1);
      expect(core.db.prepare(`SELECT count(*) FROM run_steps s JOIN robot_runs r ON r.id = s.run_id WHERE r.loc_request_id = ? AND s.step = 'create_order'`).pluck().get(id)).toBe(0);
    }
  });
});

describe('完了したLOC申請 says who finished each request', () => {
  let page: Page;

  const completedRows = () => page.locator('.completed-table tbody tr[data-id]');
  const rowIds = async () => (await completedRows().evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).sort((a, b) => a - b);
  const cell = (id: number, header: string) =>
    page.evaluate(
      ([rowId, name]) => {
        const table = document.querySelector('.completed-table');
        const headers = [...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent);
        const row = table?.querySelector(`tbody tr[data-id="${rowId}"]`);
        return row?.children[headers.indexOf(name)]?.textContent ?? null;
      },
      [id, header] as const,
    );

  async function download(): Promise<Array<Record<string, string>>> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV出力' }).click()]);
    const bytes = readFileSync(await file.path());
    return parse(bytes.subarray(3).toString('utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  }

  it('shows the robot by its workstation and staff by name, with the completion status, filters by either, and exports both', { timeout: 180_000 }, async () => {
    expect(ids.robotDone).toBeGreaterThan(0);
    // A clerk finishes the refused one by hand after checking the customer.
    const done = await core.api.call('loc.complete', { ids: [ids.phoneDiffers], completionStatus: '受付断念', note: '電話番号が違うため確認中', staff: STAFF });
    expect(done).not.toHaveProperty('error');
    // Shown at once from the outbox, then as the cloud recorded it.
    expect((await core.api.call('loc.list', { completed: true, finishedBy: 'staff', page: 1, pageSize: 50 })) as unknown).toMatchObject({
      result: { items: [{ id: ids.phoneDiffers, finishedBy: 'staff', finishedByName: STAFF }] },
    });
    await core.sync.now();
    expect(cloudRequest(ids.phoneDiffers)).toMatchObject({ status: 'done', completionStatus: '受付断念', finishedBy: { kind: 'staff', name: STAFF } });
    expect(core.db.prepare('SELECT finished_by, finished_by_name FROM loc_requests WHERE id = ?').get(ids.phoneDiffers)).toEqual({ finished_by: 'staff', finished_by_name: STAFF });

    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true });
    await page.goto(shell.url);
    await page.click('nav.screens button[data-screen=completed]');
    const finished = [ids.robotDone, ids.nameDiffers, ids.phoneDiffers].sort((a, b) => a - b);
    await poll(rowIds).toEqual(finished);
    expect(await cell(ids.robotDone, '完了者')).toBe(`ロボット（${WORKSTATION}）`);
    expect(await cell(ids.robotDone, '完了ステータス')).toBe('クロスセル受付');
    expect(await cell(ids.nameDiffers, '完了者')).toBe(`ロボット（${WORKSTATION}）`);
    expect(await cell(ids.phoneDiffers, '完了者')).toBe(STAFF);
    expect(await cell(ids.phoneDiffers, '完了ステータス')).toBe('受付断念');

    await page.locator(`.completed-table tbody tr[data-id="${ids.robotDone}"]`).click();
    await poll(() => page.getByTestId('finished-by').textContent()).toBe(`ロボット（${WORKSTATION}）`);
    expect(await page.getByTestId('completion-status').textContent()).toBe('クロスセル受付');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'completed-finished-by-ja.png') });

    const all = await download();
    expect(Object.keys(all[0] ?? {})).toContain('完了者');
    const byId = new Map(all.map((r) => [Number(r['申請ID']), r]));
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(finished);
    expect(byId.get(ids.robotDone)).toMatchObject({ 完了ステータス: 'クロスセル受付', 完了者: `ロボット（${WORKSTATION}）`, ステータス: '完了' });
    expect(byId.get(ids.phoneDiffers)).toMatchObject({ 完了ステータス: '受付断念', 完了者: STAFF, メモ: '電話番号が違うため確認中' });

    await page.selectOption('.completed-filters select[name=finishedBy]', 'robot');
    await poll(rowIds).toEqual([ids.robotDone, ids.nameDiffers].sort((a, b) => a - b));
    expect((await download()).map((r) => r['完了者'])).toEqual([`ロボット（${WORKSTATION}）`, `ロボット（${WORKSTATION}）`]);
    await page.selectOption('.completed-filters select[name=finishedBy]', 'staff');
    await poll(rowIds).toEqual([ids.phoneDiffers]);
    expect((await download()).map((r) => Number(r['申請ID']))).toEqual([ids.phoneDiffers]);
    await page.selectOption('.completed-filters select[name=finishedBy]', '');
    await poll(rowIds).toEqual(finished);
  });

  for (const [lng, robot, header, filter] of [
    ['en', `Robot (${WORKSTATION})`, 'Finished by', 'Staff'],
    ['zh-TW', `機器人（${WORKSTATION}）`, '完成者', '員工'],
  ] as const) {
    it(`says it in ${lng} too, within 1366×768`, { timeout: 60_000 }, async () => {
      await page.selectOption('.language select', lng);
      await poll(() => page.locator('.completed-table thead').textContent()).toContain(header);
      expect(await cell(ids.robotDone, header)).toBe(robot);
      expect(await cell(ids.phoneDiffers, header)).toBe(STAFF);
      expect(await page.locator('.completed-filters select[name=finishedBy] option').allTextContents()).toContain(filter);
      // Nothing pushes the page sideways at the shop PC's size.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
      await page.screenshot({ path: path.join(screenshotDir, `completed-finished-by-${lng}.png`) });
    });
  }
});
