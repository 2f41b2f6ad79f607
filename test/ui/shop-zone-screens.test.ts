import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxControl } from '../../electron/core/sync/sync-test-support';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import shopTimeEn from '../../renderer/src/i18n/shopTime/en.json';
import shopTimeJa from '../../renderer/src/i18n/shopTime/ja.json';
import shopTimeZhTW from '../../renderer/src/i18n/shopTime/zh-TW.json';
import { startCompletionWorld, type CompletionWorld } from './completion-world';
import { screenProblems, timesWithoutZone } from './layout-checks';
import { writeScreenshot } from './ui-world';

/**
 * The shop's time zone on the screens whose lists had no zone yet (同期状況, the robot's recent
 * errors, the cross-sell list), a zone switch that redraws the times in place and keeps what staff
 * were doing, and a member link opened in a tab of its own. In Chromium against the headless shell
 * over the real robot's world: the robot has just failed a cross-sell, so its console lists an error.
 */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const zoneNames = [shopTimeJa, shopTimeEn, shopTimeZhTW].flatMap((catalog) => Object.values(catalog.shopTime.zoneLabel));
const keyRoots = Object.keys(catalogs.ja);
const dateMinute = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/;

let world: CompletionWorld;
let page: Page;

async function screen(name: string): Promise<void> {
  await page.click(`nav.screens button[data-screen=${name}]`);
  await poll(() => page.locator(`main[data-screen=${name}] h2`).count()).toBeGreaterThan(0);
}

async function inZone(zone: 'Asia/Tokyo' | 'Asia/Taipei'): Promise<void> {
  await page.locator('.topbar select[name=timeZone]').selectOption(zone);
  await page.locator(`main.screen[data-time-zone="${zone}"]`).waitFor();
}

/**
 * The screen as it is now, at both screen sizes in every language: no layout problem and no time
 * without its zone; `check` runs in each language too. Ends in Japanese at 1366×768.
 */
async function everyWay(check: (language: 'ja' | 'en' | 'zh-TW') => Promise<void> = async () => undefined): Promise<void> {
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    for (const language of ['ja', 'en', 'zh-TW'] as const) {
      await page.selectOption('.language select', language);
      await check(language);
      const problems = [...(await page.evaluate(screenProblems, { language, keyRoots })), ...(await page.evaluate(timesWithoutZone, { zoneNames }))];
      expect(problems, `${size.width}×${size.height} ${language}`).toEqual([]);
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.selectOption('.language select', 'ja');
}

/** A moment as the screens write it, read back as an instant in a zone `hours` ahead of UTC. */
const instantOf = (shown: string, hours: number) => Date.parse(`${shown.replaceAll('/', '-').replace(' ', 'T')}:00Z`) - hours * 3_600_000;

/** A tag the member does not carry, deleted in the cloud without the feed saying so: adding it is refused. */
function refusedTagAdd(): { memberId: number; tagId: number } {
  const row = world.core.db
    .prepare(
      `SELECT m.id AS memberId, t.id AS tagId FROM members m CROSS JOIN tags t
       WHERE NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id AND mt.tag_id = t.id)
       ORDER BY m.id, t.id LIMIT 1`,
    )
    .get() as { memberId: number; tagId: number };
  world.sandboxes.cloud.store.tags.delete(row.tagId);
  return row;
}

beforeAll(async () => {
  world = await startCompletionWorld({ openRequests: 2 });
  // A rejected operation and a quarantined change, for 同期状況's two lists.
  const { memberId, tagId } = refusedTagAdd();
  const added = await world.core.api.call('members.addTag', { memberId, tagId, staff: '時間帯テスト' });
  if ('error' in added) throw new Error(added.error.message);
  await sandboxControl(world.sandboxes.cloud).corrupt('malformed');
  await world.core.sync.now();
  // A context of its own, so that a second tab can be opened in it as a person opens one from a link.
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'America/New_York' });
  page = await context.newPage();
  await page.goto(world.shell.url);
  await page.locator('.loc-row[data-id]').first().waitFor();
}, 300_000);

afterAll(async () => {
  await world?.close();
});

describe('every list of times names its zone', () => {
  it('同期状況: the facts at their first time, the rejected and the quarantined at their time column', async () => {
    await screen('sync');
    await poll(() => page.locator('.sync-rejected tbody tr').count()).toBe(1);
    await poll(() => page.locator('.sync-quarantined tbody tr').count()).toBe(1);
    expect(await page.locator('.sync-facts dt').first().textContent()).toBe('最終取得 日本時間');
    expect(await page.locator('.sync-rejected thead th').first().textContent()).toBe('日時 日本時間');
    expect(await page.locator('.sync-quarantined thead th').first().textContent()).toBe('日時 日本時間');
    expect(await page.locator('.sync-rejected tbody td').first().textContent()).toMatch(dateMinute);
    expect(await page.locator('main .zone-label').allTextContents()).toEqual(['日本時間', '日本時間', '日本時間']);
    await everyWay();
    await writeScreenshot(page, 'sync-zone-labels.png', { fullPage: true });
  });

  it('the robot console: its recent errors under headed columns, the time column naming the zone', async () => {
    await screen('robot');
    const errors = page.locator('table.robot-errors');
    await poll(() => errors.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await errors.locator('thead th').allTextContents()).toEqual(['日時 日本時間', '申請', '種類', '内容']);
    expect(await errors.locator('tbody tr td').first().textContent()).toMatch(dateMinute);
    expect(await errors.locator('tbody tr td').nth(1).textContent()).toBe(`申請 #${world.robotFailedId}`);
    const headers = { ja: ['日時 日本時間', '申請', '種類', '内容'], en: ['When Japan time', 'Request', 'Kind', 'What happened'], 'zh-TW': ['時間 日本時間', '申請', '種類', '內容'] };
    await everyWay(async (language) => {
      await poll(() => errors.locator('thead th').allTextContents()).toEqual(headers[language]);
    });
    await writeScreenshot(page, 'robot-recent-errors.png', { fullPage: true });
  });

  it('the cross-sell list: 更新日時 names the zone', async () => {
    await screen('crosssell');
    await page.locator('.crosssell-table tbody tr').first().waitFor();
    expect(await page.locator('.crosssell-table thead th.time').textContent()).toBe('更新日時 日本時間');
    expect(await page.locator('.crosssell-table tbody td.time').first().textContent()).toMatch(dateMinute);
    await everyWay();
  });

  it('in Taipei time the same lists say 台湾時間 and show the same moments an hour earlier', async () => {
    await screen('sync');
    const first = page.locator('.sync-rejected tbody td').first();
    await poll(() => first.textContent()).toMatch(dateMinute);
    const tokyo = (await first.textContent())!;
    await inZone('Asia/Taipei');
    await poll(() => page.locator('.sync-rejected thead th').first().textContent()).toBe('日時 台湾時間');
    expect(instantOf((await first.textContent())!, 8)).toBe(instantOf(tokyo, 9));
    expect(await page.evaluate(timesWithoutZone, { zoneNames })).toEqual([]);
    await inZone('Asia/Tokyo');
    await poll(() => first.textContent()).toBe(tokyo);
  });
});

describe('switching the zone keeps what staff were doing', () => {
  const memberPage = () => page.locator('main[data-screen=members] .member-page');
  const followedAt = () => memberPage().locator('.member-profile dt:has(.zone-label) + dd').textContent();

  it('the open member page, the search typed and a half-filled tag form stay; only the times change', async () => {
    const memberId = world.sandboxes.world.customers[0]!.memberId;
    await screen('members');
    const query = page.locator('input[name=member-query]');
    const customerNumber = world.core.db.prepare('SELECT customer_number FROM cart_customers WHERE member_id = ? LIMIT 1').pluck().get(memberId) as string;
    await query.fill(customerNumber);
    await page.locator(`.member-results tr[data-id="${memberId}"] .member-open`).click();
    await poll(() => memberPage().getAttribute('data-id')).toBe(String(memberId));
    await poll(followedAt).toMatch(dateMinute);
    const tokyo = (await followedAt())!;
    const form = memberPage().locator('form.member-tag-picker');
    await form.locator('select[name=tag-to-add]').selectOption({ index: 1 });
    const picked = await form.locator('select[name=tag-to-add]').inputValue();
    await form.locator('input[name=staff]').fill('山田（入力途中）');
    await page.evaluate(() => {
      document.querySelector('.member-page')?.setAttribute('data-before-switch', 'yes');
    });

    await inZone('Asia/Taipei');
    await poll(followedAt).not.toBe(tokyo);
    expect(instantOf((await followedAt())!, 8)).toBe(instantOf(tokyo, 9));
    expect(await memberPage().locator('.zone-label').first().textContent()).toBe('台湾時間');
    // The very same page, not one drawn anew: what was typed and picked is still there.
    expect(await memberPage().getAttribute('data-before-switch')).toBe('yes');
    expect(await form.locator('input[name=staff]').inputValue()).toBe('山田（入力途中）');
    expect(await form.locator('select[name=tag-to-add]').inputValue()).toBe(picked);
    expect(await query.inputValue()).toBe(customerNumber);
    await writeScreenshot(page, 'member-page-zone-switched.png');

    await inZone('Asia/Tokyo');
    await poll(followedAt).toBe(tokyo);
    expect(await form.locator('input[name=staff]').inputValue()).toBe('山田（入力途中）');
  });

  it('the open request, its typed note and the list\'s filters stay on the dashboard, with the request time in the new zone', async () => {
    await screen('dashboard');
    const id = world.openIds[0]!;
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    const detail = page.locator('.loc-detail');
    await poll(() => detail.locator('h2').textContent()).toBe(`LOC申請 #${id}`);
    const requestedAt = () => detail.locator('.request-summary dt:has(.zone-label) + dd').textContent();
    await poll(requestedAt).toMatch(dateMinute);
    const tokyo = (await requestedAt())!;
    await detail.locator('textarea[name=note]').fill('お客様に電話で確認中');
    await page.selectOption('select[name=sortDirection]', 'asc');
    await page.fill('input[name=from]', '2020/01/01');
    await page.press('input[name=from]', 'Enter');
    await poll(() => page.locator(`.loc-row[data-id="${id}"]`).count()).toBe(1);

    await inZone('Asia/Taipei');
    await poll(requestedAt).not.toBe(tokyo);
    expect(instantOf((await requestedAt())!, 8)).toBe(instantOf(tokyo, 9));
    expect(await detail.locator('textarea[name=note]').inputValue()).toBe('お客様に電話で確認中');
    expect(await page.locator('select[name=sortDirection]').inputValue()).toBe('asc');
    expect(await page.locator('input[name=from]').inputValue()).toBe('2020/01/01');
    expect(await page.locator(`.loc-row[data-id="${id}"]`).count()).toBe(1);
    await inZone('Asia/Tokyo');
    await detail.locator('textarea[name=note]').fill('');
    await page.fill('input[name=from]', '');
    await page.press('input[name=from]', 'Enter');
    await page.selectOption('select[name=sortDirection]', 'desc');
  });
});

describe('a member link opened in a new tab', () => {
  it('followed in the same tab, goes to the member page without putting the token in the tab\'s history', async () => {
    await screen('dashboard');
    await page.locator(`.loc-row[data-id="${world.robotFailedId}"]`).click();
    const link = page.locator('.loc-detail').getByRole('link', { name: '会員ページを開く' });
    await link.waitFor();
    const memberId = await link.getAttribute('data-member-id');
    const visited: string[] = [];
    const onNavigated = (frame: { url(): string }) => visited.push(frame.url());
    page.on('framenavigated', onNavigated);
    await link.click();
    await page.locator(`main[data-screen=members] .member-page[data-id="${memberId}"]`).waitFor();
    page.off('framenavigated', onNavigated);
    expect(visited.some((url) => url.includes(`#member=${memberId}`))).toBe(true);
    expect(visited.filter((url) => url.includes('token='))).toEqual([]);
  });


  it('loads the member page there: the link carries the token in its fragment, which is never sent and leaves the address bar', async () => {
    await screen('dashboard');
    const id = world.robotFailedId;
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    const link = page.locator('.loc-detail').getByRole('link', { name: '会員ページを開く' });
    await link.waitFor();
    const memberId = Number(await link.getAttribute('data-member-id'));
    const href = new URL((await link.getAttribute('href'))!, page.url()).href;

    // What middle-click, Ctrl-click or 新しいタブで開く does: the link's address in a tab of its own, whose session storage starts empty.
    const tab = await page.context().newPage();
    const sent: string[] = [];
    tab.on('request', (request) => sent.push(request.url()));
    await tab.goto(href);
    await tab.locator(`main[data-screen=members] .member-page[data-id="${memberId}"]`).waitFor();
    await poll(() => tab.locator('#member-page-title').textContent()).toBeTruthy();
    // Not the page that asks for the address with its token.
    expect(await tab.locator('main.app h1').count()).toBe(0);
    expect(tab.url()).not.toContain('token=');
    expect(sent.length).toBeGreaterThan(0);
    const token = new URLSearchParams(new URL(href).hash.slice(1)).get('token')!;
    expect(token).toBe(world.shell.token);
    // The token goes to the shell only in the Authorization header, never in an address.
    expect(sent.filter((url) => url.includes(token))).toEqual([]);
    await tab.close();
  });
});
