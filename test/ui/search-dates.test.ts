import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { screenshotDir, startUiWorld, type UiWorld } from './ui-world';

/**
 * Member search by phone and name in the forms shops store and type them, and the completed
 * list's dates: filtered by completion in the shop's days, typed as yyyy/mm/dd or picked from a
 * calendar in the UI's language, shown in the shop's time zone with its name, and a CP932
 * export that says what it could not hold.
 */
let world: UiWorld;
let page: Page;

const seeded = { shimizu: 0, fullWidth: 0, parenthesised: 0, lateNight: 0, morning: 0 };

function seed(cloud: CloudSandbox): void {
  const s = cloud.store;
  const now = new Date().toISOString();
  const member = (displayName: string, name: string, nameKana: string | null, phone: string) => {
    const id = s.nextId('member');
    s.upsert('member', {
      id, lineUserId: `Usearch${String(id).padStart(26, '0')}`, displayName, name, nameKana, phone, email: null, operator: null, followedAt: now, updatedAt: now,
    });
    return id;
  };
  seeded.shimizu = member('めい🍀', '清水 芽依', 'シミズ メイ', '+81 90-2222-3333');
  seeded.fullWidth = member('検索 全角', '全角 電話', null, '０９０４４４４５５５５');
  seeded.parenthesised = member('検索 括弧', '括弧 電話', null, '(090) 6666-7777');
  const config = [...s.crosssellConfigs.values()][0]!;
  const done = (memberId: number, completedAt: string, note: string) => {
    const id = s.nextId('loc_request');
    s.upsert('loc_request', {
      id, uid: randomUUID(), memberId, kind: 'crosssell', crosssellConfigId: config.id, status: 'done', completionStatus: '対応完了',
      note, robotResult: null, requestedAt: '2026-11-01T01:00:00.000Z', completedAt, updatedAt: completedAt,
    });
    return id;
  };
  // 11/20 10:05 in Japan and 09:05 in Taipei; 11/20 00:30 in Japan but 11/19 23:30 in Taipei.
  seeded.morning = done(seeded.shimizu, '2026-11-20T01:05:00.000Z', 'お礼の電話済み😊');
  seeded.lateNight = done(seeded.fullWidth, '2026-11-19T15:30:00.000Z', '深夜に完了');
}

const memberIds = () => page.locator('.member-results tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
const completedIds = () => page.locator('.completed-list tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))).sort((a, b) => a - b));
const completedAt = (id: number) => page.locator(`.completed-list tr[data-id="${id}"] .completed-at`).textContent();

const noHorizontalOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function typeDate(name: 'from' | 'to', text: string): Promise<void> {
  await page.fill(`.completed-filters input[name=${name}]`, text);
  await page.press(`.completed-filters input[name=${name}]`, 'Enter');
}

beforeAll(async () => {
  world = await startUiWorld({ members: 40, seedCloud: seed });
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'America/New_York' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
}, 180_000);

afterAll(async () => {
  await world?.close();
});

describe('member search in the forms phones and names come in', () => {
  beforeAll(async () => {
    await page.click('nav.screens button[data-screen=members]');
    await page.locator('#members-title').waitFor();
  });

  it.each([
    ['digits for +81 90-2222-3333', '09022223333', 'shimizu'],
    ['+81 for +81 90-2222-3333', '+81 90-2222-3333', 'shimizu'],
    ['full-width for +81 90-2222-3333', '０９０２２２２３３３３', 'shimizu'],
    ['digits for ０９０４４４４５５５５', '09044445555', 'fullWidth'],
    ['hyphens for ０９０４４４４５５５５', '090-4444-5555', 'fullWidth'],
    ['+81 for ０９０４４４４５５５５', '+81 90-4444-5555', 'fullWidth'],
    ['digits for (090) 6666-7777', '09066667777', 'parenthesised'],
    ['parentheses for (090) 6666-7777', '(090) 6666-7777', 'parenthesised'],
    ['the name without its space', '清水芽依', 'shimizu'],
    ['the name in hiragana', 'しみず', 'shimizu'],
    ['the name in half-width kana', 'ｼﾐｽﾞ ﾒｲ', 'shimizu'],
  ] as const)('finds the member by %s', async (_how, typed, who) => {
    await page.fill('input[name=member-query]', typed);
    await expect.poll(memberIds).toEqual([seeded[who]]);
  });

  it('finds nobody for a number one digit off', async () => {
    await page.fill('input[name=member-query]', '09022223334');
    await expect.poll(memberIds).toEqual([]);
    await page.fill('input[name=member-query]', '(090) 2222-3333');
    await expect.poll(memberIds).toEqual([seeded.shimizu]);
    await page.screenshot({ path: path.join(screenshotDir, 'members-phone-search.png') });
  });
});

describe('the completed list\'s dates', () => {
  beforeAll(async () => {
    await page.click('nav.screens button[data-screen=completed]');
    await page.locator('#completed-title').waitFor();
    await page.locator('.language select').selectOption('ja');
  });

  it('shows 完了日時 in Japan time, named, whatever the PC\'s own zone', async () => {
    await expect.poll(() => completedAt(seeded.morning)).toBe('2026/11/20 10:05');
    expect(await completedAt(seeded.lateNight)).toBe('2026/11/20 00:30');
    expect(await page.locator('.completed-table thead').textContent()).toContain('完了日時 日本時間');
    expect(await page.locator('.topbar select[name=timeZone] option:checked').textContent()).toBe('日本時間');
  });

  it('names the zone once in the detail pane, beside its first time', async () => {
    await page.click(`.completed-list tr[data-id="${seeded.lateNight}"]`);
    await expect.poll(() => page.locator('.loc-detail .request-summary').textContent()).toContain('2026/11/20 00:30');
    expect(await page.locator('.loc-detail .request-summary .zone-label').allTextContents()).toEqual(['日本時間']);
    expect(await page.locator('.loc-detail .request-summary dt').first().textContent()).not.toContain('日本時間');
  });

  it('searches memos', async () => {
    await page.fill('.completed-filters input[name=search]', 'お礼の電話');
    await expect.poll(completedIds).toEqual([seeded.morning]);
    await page.fill('.completed-filters input[name=search]', '');
  });

  it('filters by the day a request was finished, typed as yyyy/mm/dd, not the day it was made', async () => {
    await typeDate('from', '2026/11/20');
    await typeDate('to', '２０２６／１１／２０');
    await expect.poll(completedIds).toEqual([seeded.lateNight, seeded.morning].sort((a, b) => a - b));
    expect(await page.locator('.completed-filters input[name=to]').inputValue()).toBe('2026/11/20');
    await typeDate('from', '2026/11/01');
    await typeDate('to', '2026/11/01');
    await expect.poll(completedIds).toEqual([]);
    await typeDate('from', '11/20/2026');
    expect(await page.locator('.completed-filters .date-input-error').textContent()).toBe('日付は 2026/12/04 のように入力してください');
  });

  it('picks a date from a calendar in the UI\'s language', async () => {
    await page.locator('.language select').selectOption('en');
    await page.locator('.completed-filters .date-input').first().getByRole('button', { name: 'Open calendar' }).click();
    const grid = page.locator('.completed-filters .date-grid');
    await grid.waitFor();
    expect(await grid.locator('.date-grid-head span').textContent()).toBe('November 2026');
    expect(await grid.locator('thead').textContent()).toBe('SMTWTFS');
    await page.screenshot({ path: path.join(screenshotDir, 'completed-date-picker-en.png') });
    expect(await noHorizontalOverflow()).toBe(true);
    await grid.locator('button[data-day="2026-11-20"]').click();
    await typeDate('to', '2026/11/20');
    await expect.poll(completedIds).toEqual([seeded.lateNight, seeded.morning].sort((a, b) => a - b));
    expect(await page.locator('.completed-filters input[name=from]').inputValue()).toBe('2026/11/20');
    await page.locator('.language select').selectOption('zh-TW');
    await page.locator('.completed-filters .date-input').first().getByRole('button', { name: '開啟日曆' }).click();
    expect(await page.locator('.completed-filters .date-grid .date-grid-head span').textContent()).toBe('2026年11月');
    await page.screenshot({ path: path.join(screenshotDir, 'completed-date-picker-zh-TW.png') });
    expect(await noHorizontalOverflow()).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('.language select').selectOption('ja');
  });

  it('shows and filters in Taipei time once the shop is set to Taipei', async () => {
    await page.locator('.topbar select[name=timeZone]').selectOption('Asia/Taipei');
    await page.locator('main.screen[data-time-zone="Asia/Taipei"]').waitFor();
    await expect.poll(() => page.locator('.completed-table thead').textContent()).toContain('完了日時 台湾時間');
    // The same days typed again: 11/20 in Taipei no longer holds the request finished at 23:30 on the 19th there.
    await typeDate('from', '2026/11/20');
    await typeDate('to', '2026/11/20');
    await expect.poll(completedIds).toEqual([seeded.morning]);
    expect(await completedAt(seeded.morning)).toBe('2026/11/20 09:05');
    await page.click(`.completed-list tr[data-id="${seeded.morning}"]`);
    await expect.poll(() => page.locator('.loc-detail .request-summary').textContent()).toContain('2026/11/20 09:05');
    expect(await page.locator('.loc-detail .request-summary .zone-label').allTextContents()).toEqual(['台湾時間']);
    await page.screenshot({ path: path.join(screenshotDir, 'completed-taipei-time.png') });
    expect(await noHorizontalOverflow()).toBe(true);
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await noHorizontalOverflow()).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.topbar select[name=timeZone]').selectOption('Asia/Tokyo');
    await page.locator('main.screen[data-time-zone="Asia/Tokyo"]').waitFor();
    await expect.poll(() => page.locator('.completed-table thead').textContent()).toContain('完了日時 日本時間');
  });

  it('says which cells a CP932 export could not hold, and exports UTF-8 instead on request', async () => {
    await typeDate('from', '');
    await typeDate('to', '');
    await expect.poll(async () => (await completedIds()).includes(seeded.morning)).toBe(true);
    await page.selectOption('select[name=csvEncoding]', 'cp932');
    const [sjis] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV出力' }).click()]);
    expect(iconv.decode(readFileSync(await sjis.path()), 'cp932')).toContain('お礼の電話済み?');
    const report = page.locator('.cp932-losses');
    await report.waitFor();
    const text = await report.textContent();
    expect(text).toContain(`申請 #${seeded.morning} の LINE名: 🍀`);
    expect(text).toContain(`申請 #${seeded.morning} の メモ: 😊`);
    await page.screenshot({ path: path.join(screenshotDir, 'completed-cp932-report.png') });
    const [utf8] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'UTF-8 で書き出す' }).click()]);
    expect(utf8.suggestedFilename()).not.toMatch(/-sjis/);
    expect(readFileSync(await utf8.path()).toString('utf8')).toContain('お礼の電話済み😊');
    expect(await page.locator('select[name=csvEncoding]').inputValue()).toBe('utf8-bom');
  });
});
