import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxControl } from '../../electron/core/sync/sync-test-support';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { screenshotDir, startUiWorld, type UiWorld, writeScreenshot } from './ui-world';

let world: UiWorld;
let page: Page;
const dialogs: Dialog[] = [];

const XSS_NAME = '<img src=x onerror=alert(1)>';
/** A second payload in another field, which would raise this flag instead of a dialog. */
const XSS_FLAG_NAME = '<img src=x onerror="window.__tantoXss=1">';
const STAFF = 'UIテスト担当';

/** Ids of what seedCloud adds to the seeded shop, so every assertion names exactly one member. */
const fixture = {
  memberId: 0,
  customerNumber: 'UITEST-0001',
  phone: '070-5555-0101',
  email: 'ui-test-member@tanto.example',
  parentOrderId: 0,
  childOrderId: 0,
  ruleTagId: 0,
  manualTagId: 0,
  retiredTagId: 0,
  xssMemberId: 0,
  xssEmail: 'xss-check@tanto.example',
  /** When the member followed, ordered the parent order and got the rule's tag. */
  earlier: '',
  xssRequestId: 0,
  /** Tags only the filter members hold, and those members: both, only A, only B (with text a spreadsheet would run). */
  tagA: 0,
  tagB: 0,
  bothId: 0,
  onlyAId: 0,
  onlyBId: 0,
};

/** One member with a cart customer, a parent and a child order, a subscription and a tag set by a rule; one with a hostile display name and a LOC request. */
function seedMembers(cloud: CloudSandbox): void {
  const s = cloud.store;
  const now = new Date().toISOString();
  const earlier = new Date(Date.now() - 30 * 86_400_000).toISOString();
  fixture.earlier = earlier;
  fixture.memberId = s.nextId('member');
  s.upsert('member', {
    id: fixture.memberId, lineUserId: 'Uuitest0000000000000000000000001', displayName: '検索テスト会員', name: '試験 花音', nameKana: 'シケン カノン',
    phone: fixture.phone, email: fixture.email, operator: null, followedAt: earlier, updatedAt: now,
  });
  const customerId = s.nextId('cart_customer');
  s.upsert('cart_customer', {
    id: customerId, memberId: fixture.memberId, cart: 'ecforce', customerNumber: fixture.customerNumber, name: '試験 花音', phone: fixture.phone, email: fixture.email, updatedAt: now,
  });
  const subscriptionId = s.nextId('subscription');
  s.upsert('subscription', {
    id: subscriptionId, cartCustomerId: customerId, productCode: 'UITEST-SUB', productName: '【定期】UIテスト青汁', courseName: '毎月お届け', status: 'active',
    continuationCount: 2, startedAt: earlier, nextShipAt: now, stoppedAt: null, updatedAt: now,
  });
  fixture.parentOrderId = s.nextId('order');
  s.upsert('order', {
    id: fixture.parentOrderId, cartCustomerId: customerId, orderNumber: 'UITEST-ORDER-1', parentOrderId: null, subscriptionId, status: 'shipped', total: 3980,
    orderedAt: earlier, updatedAt: now, items: [{ lineNo: 1, productCode: 'UITEST-SUB', productName: '【定期】UIテスト青汁', quantity: 1, price: 3980 }],
  });
  fixture.childOrderId = s.nextId('order');
  s.upsert('order', {
    id: fixture.childOrderId, cartCustomerId: customerId, orderNumber: 'UITEST-ORDER-2', parentOrderId: fixture.parentOrderId, subscriptionId, status: 'accepted', total: 3980,
    orderedAt: now, updatedAt: now, items: [{ lineNo: 1, productCode: 'UITEST-SUB', productName: '【定期】UIテスト青汁', quantity: 1, price: 3980 }],
  });
  fixture.ruleTagId = s.nextId('tag');
  s.upsert('tag', { id: fixture.ruleTagId, name: 'UIテスト対象', folder: null, updatedAt: now });
  fixture.manualTagId = s.nextId('tag');
  s.upsert('tag', { id: fixture.manualTagId, name: 'UIテスト手動', folder: null, updatedAt: now });
  fixture.retiredTagId = s.nextId('tag');
  s.upsert('tag', { id: fixture.retiredTagId, name: 'UIテスト廃止予定', folder: null, updatedAt: now });
  s.upsert('member_tag', { memberId: fixture.memberId, tagId: fixture.ruleTagId, source: 'rule', sourceDetail: 'ルール#7', setAt: earlier });

  fixture.tagA = s.nextId('tag');
  s.upsert('tag', { id: fixture.tagA, name: 'UIフィルタA', folder: null, updatedAt: now });
  fixture.tagB = s.nextId('tag');
  s.upsert('tag', { id: fixture.tagB, name: 'UIフィルタB', folder: null, updatedAt: now });
  const filterMember = (displayName: string, name: string, tags: number[], customerNumber: string) => {
    const id = s.nextId('member');
    s.upsert('member', {
      id, lineUserId: `Uuitestfilter${String(id).padStart(19, '0')}`, displayName, name, nameKana: null,
      phone: null, email: `filter-${id}@tanto.example`, operator: null, followedAt: earlier, updatedAt: now,
    });
    const customer = s.nextId('cart_customer');
    s.upsert('cart_customer', { id: customer, memberId: id, cart: 'ecforce', customerNumber, name, phone: null, email: null, updatedAt: now });
    for (const tagId of tags) s.upsert('member_tag', { memberId: id, tagId, source: 'cloud', sourceDetail: null, setAt: earlier });
    return id;
  };
  fixture.bothId = filterMember('フィルタ両方', 'UI 両方', [fixture.tagA, fixture.tagB], 'UIF-0001');
  fixture.onlyAId = filterMember('フィルタA🌸', 'UI Aだけ', [fixture.tagA], 'UIF-0002');
  fixture.onlyBId = filterMember('=HYPERLINK("http://evil.example","開く")', '@SUM(1)', [fixture.tagB], '=1+2');

  fixture.xssMemberId = s.nextId('member');
  s.upsert('member', {
    id: fixture.xssMemberId, lineUserId: 'Uuitest0000000000000000000000002', displayName: XSS_NAME, name: XSS_FLAG_NAME, nameKana: null,
    phone: null, email: fixture.xssEmail, operator: null, followedAt: earlier, updatedAt: now,
  });
  const config = [...s.crosssellConfigs.values()][0]!;
  fixture.xssRequestId = s.nextId('loc_request');
  s.upsert('loc_request', {
    id: fixture.xssRequestId, uid: randomUUID(), memberId: fixture.xssMemberId, kind: 'crosssell', crosssellConfigId: config.id, status: 'needs_manual', completionStatus: null,
    note: null, robotResult: null, requestedAt: now, completedAt: null, updatedAt: now,
  });
}

const resultIds = () => page.locator('.member-results tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
const memberPage = () => page.locator('.member-page');
const tagItem = (tagId: number) => memberPage().locator(`.member-tag[data-tag-id="${tagId}"]`);
const historyRows = () => memberPage().locator('.member-tag-history tbody tr');

async function search(text: string): Promise<void> {
  await page.fill('input[name=member-query]', text);
}

const chips = () => page.locator('.member-tag-chips li.chip');

async function addTagCondition(tagId: number, mode: 'all' | 'any' | 'none'): Promise<void> {
  await page.selectOption('select[name=member-tag]', String(tagId));
  await page.selectOption('select[name=member-tag-mode]', mode);
  await page.locator('.member-tag-filter-add button').click();
}

async function clearTagConditions(): Promise<void> {
  await page.getByRole('button', { name: 'タグの条件をすべて外す' }).click();
  await expect.poll(() => chips().count()).toBe(0);
}

const totalShown = async () => Number((await page.getByTestId('member-total').textContent())!.replace(/[^\d]/g, ''));
const holders = (tagId: number) => world.core.db.prepare('SELECT member_id FROM member_tags WHERE tag_id = ? ORDER BY 1').pluck().all(tagId) as number[];
const memberCount = () => world.core.db.prepare('SELECT count(*) FROM members').pluck().get() as number;

/** Clicks the export and reads the file Chromium saved. */
async function exportCsv(encoding: 'utf8-bom' | 'cp932'): Promise<Buffer> {
  await page.selectOption('select[name=member-csv-encoding]', encoding);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[name=member-csv-export]').click()]);
  return readFileSync((await download.path())!);
}

const csvRows = (text: string) => parse(text, { bom: true }) as string[][];

async function cloudMutations(kind: string) {
  const { mutations } = await sandboxControl(world.cloud).inspect();
  return mutations.log.filter((m) => m.kind === kind);
}

async function noScriptRan(): Promise<void> {
  expect(dialogs.map((d) => d.message())).toEqual([]);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __tantoXss?: unknown }).__tantoXss)).toBeUndefined();
}

beforeAll(async () => {
  world = await startUiWorld({ members: 300, seedCloud: seedMembers });
  page = await world.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog);
    void dialog.dismiss();
  });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
  await page.click('nav.screens button[data-screen=members]');
  await page.locator('#members-title').waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('member search', () => {
  it('is the members screen', async () => {
    expect(await page.locator('#members-title').textContent()).toBe('会員検索');
  });

  it.each([
    ['name', '試験 花音'],
    ['kana', 'シケン'],
    ['phone as typed', fixture.phone],
    ['phone as digits', '07055550101'],
    ['e-mail', fixture.email],
    ['customer number', fixture.customerNumber],
  ])('finds the member by %s', async (_field, text) => {
    await search(text);
    await expect.poll(resultIds).toEqual([fixture.memberId]);
  });

  it('finds the members carrying a tag', async () => {
    await search('');
    await addTagCondition(fixture.ruleTagId, 'all');
    await expect.poll(resultIds).toEqual([fixture.memberId]);
    expect(await page.locator('.member-results tbody tr').first().locator('.tags').textContent()).toContain('UIテスト対象');
    await clearTagConditions();
    await expect.poll(async () => (await resultIds()).length).toBe(50);
    await writeScreenshot(page, 'members.png');
  });

  it('says so when nothing matches', async () => {
    await search('no-such-member@nowhere.example');
    await expect.poll(() => page.getByTestId('member-total').textContent()).toBe('該当: 0 件');
    expect(await page.getByText('該当する会員はいません。').isVisible()).toBe(true);
  });
});

describe('tag filters with AND / NOT', () => {
  it('lists the members with all of the chosen tags, shown as chips', async () => {
    await search('');
    await addTagCondition(fixture.tagA, 'all');
    await addTagCondition(fixture.tagB, 'all');
    await expect.poll(resultIds).toEqual([fixture.bothId]);
    expect(await chips().evaluateAll((items) => items.map((li) => [li.getAttribute('data-mode'), li.textContent]))).toEqual([
      ['all', '含むUIフィルタA×'],
      ['all', '含むUIフィルタB×'],
    ]);
  });

  it('moves a tag to 含まない and lists the members without it', async () => {
    await addTagCondition(fixture.tagB, 'none');
    await expect.poll(resultIds).toEqual([fixture.onlyAId]);
    expect(await chips().evaluateAll((items) => items.map((li) => li.getAttribute('data-mode')))).toEqual(['all', 'none']);
  });

  it('lists the members with any of the tags', async () => {
    await clearTagConditions();
    await addTagCondition(fixture.tagA, 'any');
    await addTagCondition(fixture.tagB, 'any');
    await expect.poll(resultIds).toEqual([fixture.bothId, fixture.onlyAId, fixture.onlyBId]);
  });

  it('lists every member but those with a tag, and narrows the text search with the tags', async () => {
    await clearTagConditions();
    await addTagCondition(fixture.tagA, 'none');
    await expect.poll(totalShown).toBe(memberCount() - holders(fixture.tagA).length);
    expect(await resultIds()).not.toContain(fixture.bothId);
    await search('tanto.example');
    await addTagCondition(fixture.tagB, 'all');
    await expect.poll(resultIds).toEqual([fixture.onlyBId]);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: path.join(screenshotDir, 'members-tag-filter.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('names the conditions in English and Traditional Chinese, without overflow at 1366×768 and 1920×1080', async () => {
    for (const [lng, modes, legend] of [
      ['en', ['Has', 'Not'], 'Filter by tags'],
      ['zh-TW', ['包含', '不包含'], '依標籤篩選'],
    ] as const) {
      await page.selectOption('.language select', lng);
      await expect.poll(() => page.locator('.member-tag-filter legend').textContent()).toBe(legend);
      expect(await chips().locator('.chip-mode').allTextContents()).toEqual(modes);
      for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
        await page.setViewportSize(size);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      }
      await page.screenshot({ path: path.join(screenshotDir, `members-tag-filter-${lng}.png`) });
    }
    await page.selectOption('.language select', 'ja');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('removes one chip with its ×', async () => {
    await page.getByRole('button', { name: 'タグ「UIフィルタA」の条件を外す' }).click();
    await expect.poll(resultIds).toEqual([fixture.bothId, fixture.onlyBId]);
    await clearTagConditions();
    await search('');
  });
});

describe('member CSV export', () => {
  it('exports the filtered list in UTF-8 with a BOM, every cell from outside inert', async () => {
    await addTagCondition(fixture.tagB, 'all');
    await expect.poll(resultIds).toEqual([fixture.bothId, fixture.onlyBId]);
    const bytes = await exportCsv('utf8-bom');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(bytes.toString('utf8'));
    expect(rows[0]).toEqual(['会員ID', 'LINEユーザーID', 'LINE表示名', '氏名', '電話番号', 'メールアドレス', '担当オペレーター', 'タグ', '顧客番号']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([fixture.bothId, fixture.onlyBId]);
    expect(rows[2]).toEqual([
      String(fixture.onlyBId), `Uuitestfilter${String(fixture.onlyBId).padStart(19, '0')}`, `'=HYPERLINK("http://evil.example","開く")`, "'@SUM(1)", '',
      `filter-${fixture.onlyBId}@tanto.example`, '', 'UIフィルタB', "'=1+2",
    ]);
    await expect.poll(() => page.getByTestId('member-csv-status').textContent()).toBe('2 名を CSV に書き出しました。');
  });

  it('exports CP932 and says which members had characters it could not hold', async () => {
    await clearTagConditions();
    await addTagCondition(fixture.tagA, 'all');
    await addTagCondition(fixture.tagB, 'none');
    await expect.poll(resultIds).toEqual([fixture.onlyAId]);
    const bytes = await exportCsv('cp932');
    const rows = csvRows(iconv.decode(bytes, 'cp932'));
    expect(rows.slice(1).map((r) => [Number(r[0]), r[2], r[3]])).toEqual([[fixture.onlyAId, 'フィルタA?', 'UI Aだけ']]);
    await expect.poll(() => page.getByTestId('member-csv-unencodable').textContent()).toBe(
      `CP932 で表せない文字（絵文字など）を含む会員が 1 名いたため、その文字は「?」になっています（会員ID: ${fixture.onlyAId}）。そのまま残すには UTF-8 で書き出してください。`,
    );
    await clearTagConditions();
    await page.selectOption('select[name=member-csv-encoding]', 'utf8-bom');
  });

  it('exports every member of the shop when nothing is filtered, in member id order', async () => {
    const rows = csvRows((await exportCsv('utf8-bom')).toString('utf8'));
    const ids = world.core.db.prepare('SELECT id FROM members ORDER BY id').pluck().all() as number[];
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(ids);
  });
});

describe('member page', () => {
  it('shows cart customers, orders with the child under its parent, subscriptions, tags and their history', async () => {
    await search(fixture.customerNumber);
    await expect.poll(resultIds).toEqual([fixture.memberId]);
    await page.click(`.member-results tr[data-id="${fixture.memberId}"] .member-open`);
    await expect.poll(() => memberPage().locator('h2').textContent()).toBe('検索テスト会員');

    expect(await memberPage().locator('.member-cart-customers tbody').textContent()).toContain(fixture.customerNumber);
    const orderRows = memberPage().locator('.member-orders tbody tr');
    const orders = await orderRows.evaluateAll((rows) =>
      rows.map((r) => ({ id: Number(r.getAttribute('data-order-id')), child: r.classList.contains('child-order'), parent: r.getAttribute('data-parent-id') })),
    );
    expect(orders).toEqual([
      { id: fixture.parentOrderId, child: false, parent: null },
      { id: fixture.childOrderId, child: true, parent: String(fixture.parentOrderId) },
    ]);
    expect(await orderRows.nth(1).textContent()).toContain('UITEST-ORDER-1 の子受注');
    expect(await orderRows.first().textContent()).toMatch(/[¥￥]3,980/);

    const subscription = memberPage().locator('.member-subscriptions tbody tr');
    expect(await subscription.count()).toBe(1);
    expect(await subscription.textContent()).toContain('【定期】UIテスト青汁');
    expect(await subscription.textContent()).toContain('継続中');

    expect(await tagItem(fixture.ruleTagId).getAttribute('data-state')).toBe('set');
    expect(await tagItem(fixture.ruleTagId).textContent()).toContain('ルール (ルール#7)');
    expect(await historyRows().allTextContents()).toEqual([expect.stringMatching(/UIテスト対象追加ルールルール#7$/)]);
  });

  it('adds a tag by hand: pending until sync confirms it, then in the cloud exactly once and in the history as staff', async () => {
    await page.fill('.member-tag-picker input[name=staff]', STAFF);
    await page.selectOption('select[name=tag-to-add]', String(fixture.manualTagId));
    await page.click('.member-tag-picker button[type=submit]');

    await expect.poll(() => tagItem(fixture.manualTagId).getAttribute('data-state')).toBe('adding');
    expect(await tagItem(fixture.manualTagId).textContent()).toContain('追加を送信待ち');
    expect(await historyRows().first().getAttribute('data-state')).toBe('pending');
    expect(await historyRows().first().textContent()).toBe(`送信待ちUIテスト手動追加スタッフ${STAFF}`);
    // The option just used is no longer offered.
    expect(await page.locator(`select[name=tag-to-add] option[value="${fixture.manualTagId}"]`).count()).toBe(0);
    expect(await cloudMutations('memberTag.add')).toEqual([]);

    await world.core.sync.now();
    await expect.poll(() => tagItem(fixture.manualTagId).getAttribute('data-state')).toBe('set');
    const confirmed = historyRows().first();
    expect(await confirmed.getAttribute('data-state')).toBe('confirmed');
    expect(await confirmed.locator('[data-action]').getAttribute('data-action')).toBe('add');
    expect(await confirmed.locator('[data-source]').textContent()).toBe('スタッフ');
    expect(await confirmed.textContent()).toContain(`UIテスト手動追加スタッフ${STAFF}`);
    expect(await historyRows().count()).toBe(2);

    // A second sync must not send it again.
    await world.core.sync.now();
    expect(await cloudMutations('memberTag.add')).toEqual([expect.objectContaining({ status: 'applied' })]);
    const cloudTag = world.cloud.store.memberTags.get(`${fixture.memberId}:${fixture.manualTagId}`);
    expect(cloudTag).toMatchObject({ source: 'manual', sourceDetail: STAFF });
    await writeScreenshot(page, 'member-page.png');
  });

  it('removes a tag by hand: pending until sync confirms it, then gone from the cloud exactly once and in the history as staff', async () => {
    await page.getByRole('button', { name: 'タグ「UIテスト手動」を外す' }).click();
    await expect.poll(() => tagItem(fixture.manualTagId).getAttribute('data-state')).toBe('removing');
    expect(await historyRows().first().textContent()).toBe(`送信待ちUIテスト手動削除スタッフ${STAFF}`);
    expect(await cloudMutations('memberTag.remove')).toEqual([]);

    await world.core.sync.now();
    await expect.poll(() => tagItem(fixture.manualTagId).count()).toBe(0);
    const confirmed = historyRows().first();
    expect(await confirmed.getAttribute('data-state')).toBe('confirmed');
    expect(await confirmed.locator('[data-action]').getAttribute('data-action')).toBe('remove');
    expect(await confirmed.textContent()).toContain(`UIテスト手動削除スタッフ${STAFF}`);
    expect(await historyRows().count()).toBe(3);

    await world.core.sync.now();
    expect(await cloudMutations('memberTag.remove')).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(world.cloud.store.memberTags.has(`${fixture.memberId}:${fixture.manualTagId}`)).toBe(false);
    // The rule's tag was never touched.
    expect(world.cloud.store.memberTags.get(`${fixture.memberId}:${fixture.ruleTagId}`)).toMatchObject({ source: 'rule' });
  });
});

/** An instant as the screens show it in a zone `hours` ahead of UTC (Tokyo 9, Taipei 8; neither keeps daylight saving). */
const shownAt = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ').replaceAll('-', '/');

describe("member page times in the shop's time zone", () => {
  const zoneLabels = () => memberPage().locator('.zone-label').allTextContents();
  const parentOrderedAt = () => memberPage().locator(`.member-orders tr[data-order-id="${fixture.parentOrderId}"] td:nth-child(2)`).textContent();

  it('names the zone once per block of times', async () => {
    expect(await parentOrderedAt()).toBe(shownAt(fixture.earlier, 9));
    expect(await memberPage().locator('.member-orders thead').textContent()).toContain('受注日時 日本時間');
    expect(await memberPage().locator('.member-tag-history thead').textContent()).toContain('日時 日本時間');
    expect(await memberPage().locator('.member-tags h3').textContent()).toBe('タグ 日本時間');
    expect(await memberPage().locator('.member-subscriptions thead').textContent()).toContain('開始 日本時間');
    // Profile, orders, subscriptions, tags, tag history: one label each.
    expect(await zoneLabels()).toEqual(['日本時間', '日本時間', '日本時間', '日本時間', '日本時間']);
  });

  /** A new zone redraws the times of the member page left open. */
  async function inZone(zone: string): Promise<void> {
    await page.locator('.topbar select[name=timeZone]').selectOption(zone);
    await page.locator(`main.screen[data-time-zone="${zone}"]`).waitFor();
    expect(await memberPage().getAttribute('data-id')).toBe(String(fixture.memberId));
  }

  it('shows a Taipei shop its own times, labelled 台湾時間', async () => {
    await inZone('Asia/Taipei');
    await expect.poll(parentOrderedAt).toBe(shownAt(fixture.earlier, 8));
    expect(await zoneLabels()).toEqual(['台湾時間', '台湾時間', '台湾時間', '台湾時間', '台湾時間']);
    await writeScreenshot(page, 'member-page-taipei.png');
    await inZone('Asia/Tokyo');
    await expect.poll(parentOrderedAt).toBe(shownAt(fixture.earlier, 9));
  });
});

describe('member page in other languages', () => {
  it('labels sections, actions and sources in Traditional Chinese and English', async () => {
    await page.selectOption('.language select', 'zh-TW');
    await expect.poll(() => memberPage().locator('#member-tag-history').textContent()).toBe('標籤歷程');
    expect(await historyRows().first().locator('[data-source]').textContent()).toBe('員工');
    expect(await historyRows().first().locator('[data-action]').textContent()).toBe('移除');
    await page.selectOption('.language select', 'en');
    await expect.poll(() => memberPage().locator('#member-orders').textContent()).toBe('Orders');
    expect(await historyRows().last().locator('[data-source]').textContent()).toBe('Rule');
    await page.selectOption('.language select', 'ja');
    await expect.poll(() => page.locator('#members-title').textContent()).toBe('会員検索');
  });
});

describe('a tag change the cloud refuses', () => {
  it('shows on the open member page as refused, with the reason, and the tag is not shown as set', async () => {
    // The cloud forgets the tag without telling the feed, so it will refuse the operation.
    world.cloud.store.tags.delete(fixture.retiredTagId);
    await page.selectOption('select[name=tag-to-add]', String(fixture.retiredTagId));
    await page.click('.member-tag-picker button[type=submit]');
    await expect.poll(() => tagItem(fixture.retiredTagId).getAttribute('data-state')).toBe('adding');

    await world.core.sync.now();
    await expect.poll(() => historyRows().first().getAttribute('data-state')).toBe('rejected');
    // The cloud's refusal as a sentence in the shop's words; its own words only behind 詳細.
    const why = '操作の対象がクラウドにありません（削除された可能性があります）。内容を確かめて、必要なら操作をやり直してください。';
    expect(await historyRows().first().textContent()).toBe(`拒否UIテスト廃止予定追加スタッフ${why}詳細unknown tag ${fixture.retiredTagId}`);
    expect(await memberPage().locator('.member-tag-rejected').textContent()).toBe(`追加 UIテスト廃止予定: ${why}詳細unknown tag ${fixture.retiredTagId}`);
    expect(await memberPage().locator('.member-tag-rejected details').getAttribute('open')).toBeNull();
    expect(await tagItem(fixture.retiredTagId).count()).toBe(0);
    expect(await cloudMutations('memberTag.add')).toEqual([
      expect.objectContaining({ status: 'applied' }),
      expect.objectContaining({ status: 'rejected', reason: `unknown tag ${fixture.retiredTagId}` }),
    ]);
  });
});

describe('a hostile LINE display name', () => {
  it('shows as text in the member search and on the member page', async () => {
    await search(fixture.xssEmail);
    await expect.poll(resultIds).toEqual([fixture.xssMemberId]);
    const row = page.locator(`.member-results tr[data-id="${fixture.xssMemberId}"]`);
    expect(await row.locator('.member-open').textContent()).toBe(XSS_NAME);
    expect(await row.textContent()).toContain(XSS_FLAG_NAME);
    await noScriptRan();

    await row.locator('.member-open').click();
    await expect.poll(() => memberPage().locator('h2').textContent()).toBe(XSS_NAME);
    expect(await memberPage().locator('[data-field=displayName]').textContent()).toBe(XSS_NAME);
    expect(await memberPage().locator('.member-profile').textContent()).toContain(XSS_FLAG_NAME);
    await noScriptRan();
  });

  it('shows as text in the LOC dashboard row and detail', async () => {
    await page.click('nav.screens button[data-screen=dashboard]');
    const row = page.locator(`.loc-row[data-id="${fixture.xssRequestId}"]`);
    await expect.poll(() => row.locator('.applicant').textContent()).toContain(XSS_NAME);
    await noScriptRan();

    await row.click();
    const detail = page.locator('.loc-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(`LOC申請 #${fixture.xssRequestId}`);
    await expect.poll(() => detail.textContent()).toContain(XSS_NAME);
    expect(await detail.textContent()).toContain(XSS_FLAG_NAME);
    await noScriptRan();
  });
});
