import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import type { Db } from '../../electron/core/db/open';
import { enqueueOperation, pendingCount } from '../../electron/core/sync/outbox';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import { insertLocRequest } from '../fixtures/replica';
import { screenshotDir, startUiWorld, type UiWorld } from './ui-world';

/**
 * The robot console's usage fee in Chromium against the headless shell: the billing period's
 * dates, successes and amount (50 yen each before tax) for the whole shop, two workstations'
 * robots counted by one cloud sandbox and shown alike on both, for the calendar month and for a
 * period from the shop's payment day, in three languages; and this PC's own runs, said to be
 * only that, while the cloud is out of reach.
 */

let world: UiWorld;
let page: Page;
/** The shop's second PC: its own replica and shell over the same cloud. */
let other: { core: Core; shell: HeadlessShell; dir: string };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Today in Japan as year, month and day. */
const [year, month, day] = new Date(Date.now() + 9 * HOUR_MS).toISOString().slice(0, 10).split('-').map(Number) as [number, number, number];
const ymd = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10).replaceAll('-', '/');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const todayStart = Date.parse(`${ymd(year, month, day).replaceAll('/', '-')}T00:00:00+09:00`);
/** The Japan day of a moment, as the robot names it in a usage increment. */
const japanDay = (ms: number) => new Date(ms + 9 * HOUR_MS).toISOString().slice(0, 10);

/** This PC: three successes just now, one an hour before today began, one 40 days ago, and a run that needed a person. */
const successesToday = 3;
const yesterdayInMonth = day >= 2 ? 1 : 0;
/** The other PC: two successes today. */
const otherToday = 2;

/** A success as the robot's finishing transaction queues it for the cloud. */
function increment(db: Db, at: number): void {
  const dayOf = japanDay(at);
  enqueueOperation(db, { kind: 'usage.increment', payload: { period: dayOf.slice(0, 7), day: dayOf, count: 1 } });
}

function seedRuns(): void {
  const db = world.core.db;
  // Requests of their own, so each run is a request of its own as the robot bills them.
  const memberId = db.prepare('SELECT min(id) FROM members').pluck().get() as number;
  const ids = [9001, 9002, 9003, 9004, 9005, 9006];
  for (const id of ids) insertLocRequest(db, { id, memberId, kind: 'crosssell', status: 'done', requestedAt: new Date(Date.now() - 41 * DAY_MS).toISOString() });
  const run = db.prepare('INSERT INTO robot_runs (loc_request_id, attempt, started_at, finished_at, outcome) VALUES (?, 1, ?, ?, ?)');
  const at = (ms: number) => new Date(ms).toISOString();
  const done = (id: number, ms: number) => {
    run.run(id, at(ms - 60_000), at(ms), 'done');
    increment(db, ms);
  };
  for (const id of ids.slice(0, successesToday)) done(id, Date.now() - 1_000);
  done(ids[3]!, todayStart - HOUR_MS);
  done(ids[4]!, Date.now() - 40 * DAY_MS);
  run.run(ids[5], at(Date.now() - 60_000), at(Date.now() - 1_000), 'needs_manual');
  for (let n = 0; n < otherToday; n += 1) increment(other.core.db, Date.now() - 1_000);
}

const usage = () => page.getByTestId('usage');
const field = (name: string) => usage().locator(`dd[data-field=${name}]`);

beforeAll(async () => {
  world = await startUiWorld({ members: 40 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tanto-usage-other-pc-'));
  const core = createCore({ dataDir: dir, cloud: { baseUrl: world.cloud.url, token: world.cloud.token }, log: () => undefined });
  await core.sync.now();
  const shell = await startHeadlessShell({ api: core.api, events: core.events, log: () => undefined, announceUrl: false, rendererDir: world.rendererDir });
  other = { core, shell, dir };
  seedRuns();
  await Promise.all([world.core.sync.now(), other.core.sync.now()]);
  expect(pendingCount(world.core.db) + pendingCount(other.core.db)).toBe(0);
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
  await page.click('nav.screens button[data-screen=robot]');
  await usage().waitFor();
}, 120_000);

afterAll(async () => {
  await other?.shell.close();
  await other?.core.close();
  if (other) rmSync(other.dir, { recursive: true, force: true });
  await world?.close();
});

const openUsage = async (target: Page, url: string) => {
  await target.goto(url);
  await target.click('nav.screens button[data-screen=robot]');
  await target.getByTestId('usage').waitFor();
};

describe("the whole shop's robot usage as an amount", () => {
  it("shows the calendar month with its dates, both PCs' successes and their fee before tax", async () => {
    const count = successesToday + yesterdayInMonth + otherToday;
    await expect.poll(() => field('period').textContent()).toBe(`${ymd(year, month, 1)} 〜 ${ymd(year, month, daysIn(year, month))}（日本時間）`);
    expect(await field('successes').textContent()).toBe(`${count} 件`);
    expect(await field('amount').textContent()).toBe(`${count * 50}円 （税別・1 件 50円）`);
    expect(await page.getByTestId('usage-scope').textContent()).toContain('すべてのPC');
    expect(await usage().locator('input[name=usage-plan][value=calendar_month]').isChecked()).toBe(true);
    await usage().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'robot-usage.png') });
  });

  it('shows the same count on the other PC', async () => {
    const otherPage = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    try {
      await openUsage(otherPage, other.shell.url);
      const count = successesToday + yesterdayInMonth + otherToday;
      await expect.poll(() => otherPage.locator('[data-testid=usage] dd[data-field=successes]').textContent()).toBe(`${count} 件`);
      expect(await otherPage.locator('[data-testid=usage] dd[data-field=amount]').getAttribute('data-value')).toBe(String(count * 50));
    } finally {
      await otherPage.close();
    }
  });

  it("counts from the shop's payment day once it is set, and keeps the setting", async () => {
    await usage().locator('input[name=usage-plan][value=plan_day]').check();
    await usage().locator('input[name=usage-plan-day]').fill(String(day));
    await usage().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByTestId('usage-plan-saved').textContent()).toBe('保存しました。');
    // From today to the day before the same day next month (its last day if it has no such day).
    const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const next = Date.parse(`${ymd(nextYear, nextMonth, Math.min(day, daysIn(nextYear, nextMonth))).replaceAll('/', '-')}T00:00:00Z`);
    const to = new Date(next - DAY_MS).toISOString().slice(0, 10).replaceAll('-', '/');
    await expect.poll(() => field('period').textContent()).toBe(`${ymd(year, month, day)} 〜 ${to}（日本時間）`);
    expect(await field('successes').textContent()).toBe(`${successesToday + otherToday} 件`);
    expect(await field('amount').getAttribute('data-value')).toBe(String((successesToday + otherToday) * 50));
    expect(world.core.db.prepare('SELECT period_kind, plan_day FROM billing_plan').get()).toEqual({ period_kind: 'plan_day', plan_day: day });

    await page.reload();
    await page.click('nav.screens button[data-screen=robot]');
    await expect.poll(() => usage().locator('input[name=usage-plan-day]').inputValue()).toBe(String(day));
    expect(await field('period').textContent()).toBe(`${ymd(year, month, day)} 〜 ${to}（日本時間）`);
  });

  it('refuses a payment day no month has, beside the field, and keeps the saved one', async () => {
    await usage().locator('input[name=usage-plan-day]').fill('32');
    expect(await page.getByTestId('usage-plan-day-error').textContent()).toBe('決済日は 1〜31 の数字で入力してください');
    await usage().getByRole('button', { name: '保存する' }).click();
    expect(world.core.db.prepare('SELECT plan_day FROM billing_plan').pluck().get()).toBe(day);
    await usage().locator('input[name=usage-plan-day]').fill(String(day));
    await expect.poll(() => page.getByTestId('usage-plan-day-error').count()).toBe(0);
  });

  it('speaks English and Traditional Chinese, at both screen sizes', async () => {
    const yen = (successesToday + otherToday) * 50;
    for (const [lng, title, amount] of [
      ['en', 'Robot usage fee (current billing period)', `¥${yen} (before tax, ¥50 per request)`],
      ['zh-TW', '機器人使用費（本期帳單期間）', `${yen} 日圓 （未稅，每件 50 日圓）`],
      ['ja', 'ロボット利用料（今回の請求期間）', `${yen}円 （税別・1 件 50円）`],
    ] as const) {
      await page.selectOption('.language select', lng);
      await expect.poll(() => usage().locator('h2').textContent()).toBe(title);
      expect(await field('amount').textContent()).toBe(amount);
      for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
        await page.setViewportSize(size);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBe(0);
      }
      await page.setViewportSize({ width: 1366, height: 768 });
      await usage().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshotDir, `robot-usage-${lng}.png`) });
    }
  });

  it("shows this PC's own count, saying so in each language, while the cloud is out of reach", async () => {
    world.cloud.faults.set({ outage: true });
    try {
      for (const [lng, only, says] of [
        ['ja', 'このPCの分のみ', 'クラウドに接続できないため'],
        ['en', 'This PC only', 'The cloud cannot be reached'],
        ['zh-TW', '僅限此電腦', '無法連線至雲端'],
      ] as const) {
        await page.selectOption('.language select', lng);
        await page.reload();
        await page.click('nav.screens button[data-screen=robot]');
        await expect.poll(() => field('successes').getAttribute('data-scope')).toBe('workstation');
        // This PC's runs since today's payment day: the other PC's two are not known here.
        expect(await field('successes').getAttribute('data-value')).toBe(String(successesToday));
        expect(await field('successes').locator('.usage-local').textContent()).toBe(only);
        expect(await page.getByTestId('usage-scope').textContent()).toContain(says);
        for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
          await page.setViewportSize(size);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        }
        await page.setViewportSize({ width: 1366, height: 768 });
        await usage().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(screenshotDir, `robot-usage-offline-${lng}.png`) });
      }
    } finally {
      world.cloud.faults.reset();
    }
    await page.reload();
    await page.click('nav.screens button[data-screen=robot]');
    await expect.poll(() => field('successes').getAttribute('data-scope')).toBe('shop');
    expect(await field('successes').getAttribute('data-value')).toBe(String(successesToday + otherToday));
  });
});
