import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/open';
import { recordMorningReport } from '../../electron/core/morning/morning-report';
import { lastEndedNight, readNightWindow, saveNightWindow, type Night } from '../../electron/core/night/night-window';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { insertLocRequest } from '../fixtures/replica';
import { screenProblems, timesWithoutZone } from './layout-checks';
import { startUiWorld, writeScreenshot, type UiWorld } from './ui-world';

/**
 * The morning report on the dashboard in Chromium against the headless shell: last night's report
 * opens by itself at the first open, in the viewer's language with the reasons from the catalogs,
 * stays closed once dismissed, and shows the nights before from its history list.
 */
let world: UiWorld;
let page: Page;
let lastNight: Night;
const MINUTE = 60_000;

/** Runs journaled straight into the replica as the engine leaves them: started, finished, with their reasons. */
function journalNight(db: Db, night: Night, firstId: number, memberId: number, outcomes: Array<'done' | 'manual' | 'repeat' | 'retry'>): void {
  const run = db.prepare(
    'INSERT INTO robot_runs (loc_request_id, attempt, started_at, finished_at, outcome, error_kind, error_message, error_key, error_params) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)',
  );
  const repeat = db.prepare(`INSERT INTO loc_transitions (loc_request_id, from_status, to_status, event, actor, reason, at) VALUES (?, 'running', 'needs_manual', 'repeat', 'robot', '重複', ?)`);
  outcomes.forEach((outcome, n) => {
    const id = firstId + n;
    const started = new Date(night.start.getTime() + (n + 1) * 20 * MINUTE).toISOString();
    const finished = new Date(night.start.getTime() + (n + 1) * 20 * MINUTE + 5 * MINUTE).toISOString();
    insertLocRequest(db, { id, memberId, kind: 'crosssell', status: outcome === 'done' ? 'done' : 'needs_manual', requestedAt: started });
    if (outcome === 'done') run.run(id, started, finished, 'done', null, null, null, null);
    if (outcome === 'retry') run.run(id, started, finished, 'failed_retryable', 'application', 'timeout', null, null);
    if (outcome === 'manual') run.run(id, started, finished, 'needs_manual', 'business', '顧客番号 EC00000042 の顧客がカートに見つかりません', 'customerNotFound', '["EC00000042"]');
    if (outcome === 'repeat') {
      run.run(id, started, finished, 'needs_manual', 'business', '重複', null, null);
      repeat.run(id, finished);
    }
  });
}

beforeAll(async () => {
  world = await startUiWorld({ members: 10 });
  const db = world.core.db;
  saveNightWindow(db, { enabled: true, start: '22:00', end: '07:00' });
  const memberId = db.prepare('SELECT min(id) FROM members').pluck().get() as number;
  db.prepare(`UPDATE members SET display_name = '山田 花子' WHERE id = ?`).run(memberId);
  lastNight = lastEndedNight({ enabled: true, start: '22:00', end: '07:00' }, 'Asia/Tokyo', new Date());
  const before = lastEndedNight({ enabled: true, start: '22:00', end: '07:00' }, 'Asia/Tokyo', new Date(lastNight.start.getTime() - 1));
  journalNight(db, before, 9200, memberId, ['done', 'done']);
  recordMorningReport(db, before, { now: () => before.end });
  journalNight(db, lastNight, 9100, memberId, ['done', 'done', 'done', 'manual', 'repeat', 'retry']);
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

const report = () => page.getByTestId('morning-report');
const fact = (name: string) => report().locator(`dd[data-field=${name}]`);
const jaDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(at).replaceAll('-', '/');

describe("the morning report at the day's first open", () => {
  it("opens by itself with last night's figures and the reasons in Japanese, fitting a 1366×768 screen", async () => {
    await page.goto(world.shell.url);
    await report().waitFor();
    expect(await report().locator('h3').textContent()).toBe(`朝のレポート（${jaDate(lastNight.start)} の夜）`);
    expect(await fact('processed').textContent()).toBe('6 件');
    expect(await fact('done').textContent()).toBe('3 件');
    expect(await fact('needsManual').textContent()).toBe('1 件');
    expect(await fact('duplicatesRefused').textContent()).toBe('1 件');
    expect(await fact('retrying').textContent()).toBe('1 件');
    // From the first begun (20 minutes in) to the last finished (2 hours 5 minutes in).
    expect(await fact('workTime').textContent()).toBe('1 時間 45 分');
    expect(await fact('usage').textContent()).toMatch(/^成功 3 件（\d{4}\/\d{2} の合計 [35] 件）$/);
    expect(await page.getByTestId('morning-manual').textContent()).toBe('山田 花子顧客番号 EC00000042 の顧客がカートに見つかりません');
    const box = (await report().boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(await page.evaluate(screenProblems, { language: 'ja', keyRoots: Object.keys(catalogs.ja) })).toEqual([]);
    expect(await page.getByTestId('morning-night').textContent()).toMatch(/^夜間の時間帯: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 〜 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 日本時間$/);
    expect(await page.evaluate(timesWithoutZone, { zoneNames: ['日本時間'] })).toEqual([]);
    await writeScreenshot(page, 'morning-report-ja.png');
  });

  it('shows the nights before from its history, newest first', async () => {
    await page.getByTestId('morning-history-open').click();
    const rows = page.getByTestId('morning-history').locator('li');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toBe(`${jaDate(lastNight.start)} の夜 — 完了 3 件・要対応 1 件`);
    await rows.nth(1).locator('button').click();
    await expect.poll(() => fact('done').textContent()).toBe('2 件');
    expect(await fact('needsManual').textContent()).toBe('0 件');
    expect(await page.evaluate(screenProblems, { language: 'ja', keyRoots: Object.keys(catalogs.ja) })).toEqual([]);
    expect(await page.getByTestId('morning-history').locator('h4').textContent()).toBe('これまでの夜 日本時間');
    expect(await page.evaluate(timesWithoutZone, { zoneNames: ['日本時間'] })).toEqual([]);
  });

  it('stays closed once dismissed, and opens again from its button', async () => {
    await page.getByTestId('morning-close').click();
    await expect.poll(() => report().count()).toBe(0);
    await expect
      .poll(() => world.core.db.prepare('SELECT count(*) FROM morning_reports WHERE seen_at IS NULL').pluck().get())
      .toBe(1);
    // The older night, shown from the history, was the one closed: last night's is still unread.
    await page.reload();
    await report().waitFor();
    await page.getByTestId('morning-close').click();
    await expect.poll(() => world.core.db.prepare('SELECT count(*) FROM morning_reports WHERE seen_at IS NULL').pluck().get()).toBe(0);
    await page.reload();
    await page.getByTestId('morning-open').waitFor();
    expect(await report().count()).toBe(0);
    await page.getByTestId('morning-open').click();
    expect(await fact('processed').textContent()).toBe('6 件');
  });

  it('speaks English and Traditional Chinese, reasons included', async () => {
    await page.selectOption('.language select', 'en');
    await expect.poll(() => fact('done').textContent()).toBe('3');
    expect(await page.getByTestId('morning-manual').textContent()).toContain('EC00000042');
    expect(await page.evaluate(screenProblems, { language: 'en', keyRoots: Object.keys(catalogs.en) })).toEqual([]);
    await page.selectOption('.language select', 'zh-TW');
    await expect.poll(() => fact('processed').textContent()).toBe('6 件');
    expect(await report().locator('h3').textContent()).toBe(`早晨報告（${jaDate(lastNight.start)} 夜間）`);
    expect(await page.evaluate(screenProblems, { language: 'zh-TW', keyRoots: Object.keys(catalogs['zh-TW']) })).toEqual([]);
  });
});

describe("night mode in the robot console", () => {
  const form = () => page.getByTestId('night-mode');

  it('saves the window in the shop\'s time, refuses one that starts when it ends, and keeps starting at login as an option', async () => {
    await page.selectOption('.language select', 'ja');
    await page.keyboard.press('Escape');
    await page.click('nav.screens button[data-screen=robot]');
    await form().waitFor();
    expect(await form().locator('input[name=night-enabled]').isChecked()).toBe(true);
    expect(await form().locator('input[name=night-start]').inputValue()).toBe('22:00');
    await form().locator('input[name=night-start]').fill('23:30');
    await form().locator('input[name=night-end]').fill('06:15');
    await form().getByRole('button', { name: '保存する' }).click();
    await form().getByRole('status').waitFor();
    expect(readNightWindow(world.core.db)).toEqual({ enabled: true, start: '23:30', end: '06:15' });

    // Typed as text on the 24-hour clock, whatever the computer's locale would make of a time input.
    await form().locator('input[name=night-end]').fill('11:30 PM');
    expect(await form().getByRole('alert').textContent()).toBe('時刻は 22:00 のように 24 時間制で入力してください。');
    expect(await form().getByRole('button', { name: '保存する' }).isDisabled()).toBe(true);
    await form().locator('input[name=night-end]').fill('０６１５');
    expect(await form().getByRole('alert').count()).toBe(0);

    await form().locator('input[name=night-end]').fill('23:30');
    expect(await form().getByRole('alert').textContent()).toBe('開始と終了は別の時刻にしてください。');
    expect(await form().getByRole('button', { name: '保存する' }).isDisabled()).toBe(true);
    await form().locator('input[name=night-end]').fill('05:45');

    // Hours typed but not yet saved stay as typed while starting at login is saved.
    await form().locator('input[name=start-at-login]').check();
    await expect.poll(() => world.core.api.call('night.get', {})).toMatchObject({ result: { startAtLogin: true } });
    expect(await form().locator('input[name=night-end]').inputValue()).toBe('05:45');
    expect(readNightWindow(world.core.db)).toEqual({ enabled: true, start: '23:30', end: '06:15' });
    await form().locator('input[name=night-end]').fill('06:15');
    await form().scrollIntoViewIfNeeded();
    expect(await page.evaluate(screenProblems, { language: 'ja', keyRoots: Object.keys(catalogs.ja) })).toEqual([]);
    await writeScreenshot(page, 'night-mode-ja.png');
  });
});
