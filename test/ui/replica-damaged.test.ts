import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';
import { createCore, type Core } from '../../electron/core/app';
import type { Api } from '../../electron/core/api/registry';
import type { ReplicaRefusal } from '../../electron/core/db/replica-refusal';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import { setShopTimeZone } from '../../electron/core/shop/time-zone';
import { buildRenderer, writeScreenshot } from './ui-world';

/**
 * The screen staff see when the desktop core refused a damaged replica. The main process answers
 * replica.status and replica.recover there (covered with the real core process in
 * electron/main/core-process.test.ts); here an API that answers them the same way, over a real
 * core for everything else, lets the built renderer be looked at in Chromium.
 */
let workDir: string;
let core: Core;
let shell: HeadlessShell;
let browser: Browser;
let page: Page;
let refusal: ReplicaRefusal | null;
const choices: unknown[] = [];
// The desktop's core cannot answer shop.settings while it refuses the replica; the headless shell's can.
let settingsUnavailable = false;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-ui-replica-'));
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  core = createCore({ dataDir: path.join(workDir, 'data'), cloud: { baseUrl: 'http://127.0.0.1:9', token: 'offline' }, log: () => undefined });
  const api: Api = {
    names: () => core.api.names(),
    async call(name, args) {
      if (name === 'replica.status') return { result: { damaged: refusal } };
      if (name === 'shop.settings' && settingsUnavailable) return { error: { kind: 'unavailable', message: 'The Tanto core ended.' } };
      if (name === 'replica.recover') {
        choices.push(args);
        return { result: { restarting: true } };
      }
      return core.api.call(name, args);
    },
  };
  shell = await startHeadlessShell({ api, events: core.events, log: () => undefined, announceUrl: false, rendererDir });
  browser = await launchRobotBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  await core?.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function open(lng: string, viewport: { width: number; height: number }, shown = '.replica-panel'): Promise<void> {
  await page?.close();
  page = await browser.newPage({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await page.addInitScript((language) => localStorage.setItem('tanto.language', language), lng);
  await page.goto(shell.url);
  await page.locator(shown).waitFor();
}

const panelText = async () => (await page.locator('.replica-panel').textContent()) ?? '';

const words = {
  ja: {
    what: 'この PC に保存されているデータベースが途中で切れていて、最後まで読めません。',
    backup: '最新のバックアップ: 2026/12/04 03:30（日本時間）。クラウドにまだ送っていない操作を 1,204 件含みます。',
    restore: 'バックアップから戻す',
    fresh: '空の状態から始める',
  },
  en: {
    what: 'The database kept on this PC is cut short and cannot be read to the end.',
    backup: 'Latest backup: 2026/12/04 03:30 (Japan time). It holds 1,204 operations not yet sent to the cloud.',
    restore: 'Restore the backup',
    fresh: 'Start from empty',
  },
  'zh-TW': {
    what: '這台電腦上儲存的資料庫在中途被截斷，無法讀到最後。',
    backup: '最新備份：2026/12/04 03:30（日本時間）。其中包含 1,204 筆尚未傳送到雲端的操作。',
    restore: '從備份還原',
    fresh: '從空白開始',
  },
} as const;

describe('the damaged-data screen', () => {
  for (const [lng, expected] of Object.entries(words)) {
    it(`says what happened and offers the backup in staff's words (${lng})`, async () => {
      refusal = { damage: 'truncated', backup: { takenAt: '2026-12-03T18:30:00.000Z', unsent: 1204 } };
      for (const viewport of [
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        await open(lng, viewport);
        // The backup's time is drawn once its zone is known.
        await expect.poll(panelText).toContain(expected.backup);
        const text = await panelText();
        expect(text).toContain(expected.what);
        expect(text).not.toMatch(/truncated|check_failed|not_sqlite|replica\.|\.sqlite|[{}]/);
        // Both choices are on screen without scrolling.
        for (const label of [expected.restore, expected.fresh]) {
          const button = page.getByRole('button', { name: label, exact: true });
          await button.waitFor({ state: 'visible' });
          const box = await button.boundingBox();
          expect(box && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width).toBe(true);
        }
      }
      await writeScreenshot(page, `replica-damaged-${lng}.png`);
    });
  }

  it("shows the backup's time in the shop's zone, named, and says which zone when the shop's cannot be read", async () => {
    refusal = { damage: 'truncated', backup: { takenAt: '2026-12-03T18:30:00.000Z', unsent: 3 } };
    setShopTimeZone(core.db, 'Asia/Taipei');
    try {
      await open('ja', { width: 1366, height: 768 });
      await expect.poll(panelText).toContain('最新のバックアップ: 2026/12/04 02:30（台湾時間）。');
      expect(await panelText()).not.toContain('ショップの時間帯を読み取れません');
      settingsUnavailable = true;
      await open('en', { width: 1366, height: 768 });
      // Both at once: a screen started over (the core's state changed while it loaded) draws them anew.
      await expect
        .poll(panelText)
        .toSatisfy((text: string) => text.includes('Latest backup: 2026/12/04 03:30 (Japan time).') && text.includes("Times are shown in Japan time: the shop's time zone cannot be read while this PC's data cannot be opened."));
      await writeScreenshot(page, 'replica-damaged-zone-unknown-en.png');
      // The backup names the shop's zone itself: that one, with nothing to excuse.
      refusal = { damage: 'truncated', backup: { takenAt: '2026-12-03T18:30:00.000Z', unsent: 3, timeZone: 'Asia/Taipei' } };
      await open('zh-TW', { width: 1366, height: 768 });
      await expect.poll(panelText).toContain('最新備份：2026/12/04 02:30（台灣時間）。');
      expect(await panelText()).not.toContain('無法讀取商店的時區');
    } finally {
      settingsUnavailable = false;
      setShopTimeZone(core.db, 'Asia/Tokyo');
    }
  });

  it('restores the backup when staff choose it, and then waits for the data', async () => {
    refusal = { damage: 'empty', backup: { takenAt: '2026-12-03T18:30:00.000Z', unsent: 3 } };
    choices.length = 0;
    await open('ja', { width: 1366, height: 768 });
    await page.getByRole('button', { name: 'バックアップから戻す' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('データを準備しています。しばらくお待ちください…');
    expect(choices).toEqual([{ choice: 'restore-backup' }]);
  });

  it('starts from empty only after asking again, and offers no restore without a backup', async () => {
    refusal = { damage: 'not_sqlite', backup: null };
    choices.length = 0;
    await open('ja', { width: 1366, height: 768 });
    expect(await panelText()).toContain('この PC にはバックアップがありません。');
    expect(await page.getByRole('button', { name: 'バックアップから戻す' }).count()).toBe(0);
    await page.getByRole('button', { name: '空の状態から始める' }).click();
    expect(choices).toEqual([]);
    await page.getByRole('button', { name: 'やめる' }).click();
    expect(choices).toEqual([]);
    await page.getByRole('button', { name: '空の状態から始める' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '空の状態から始める' }).click();
    await expect.poll(() => choices).toEqual([{ choice: 'start-fresh' }]);
  });

  it('is not shown when the data opened', async () => {
    refusal = null;
    await open('ja', { width: 1366, height: 768 }, 'nav.screens');
    expect(await page.locator('.replica-panel').count()).toBe(0);
  });
});
