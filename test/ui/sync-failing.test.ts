import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';
import { createCore, type Core } from '../../electron/core/app';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import { buildRenderer, screenshotDir } from './ui-world';

/**
 * A workstation whose cloud cannot be reached from the start: it has never synced. The top bar,
 * the empty dashboard and 同期状況 say so, in each language, and never 「接続中」.
 */
let workDir: string;
let core: Core;
let shell: HeadlessShell;
let browser: Browser;
let page: Page;

const badge = () => page.locator('header.topbar .badge');
const fact = (name: string) => page.locator(`.sync-facts [data-fact=${name}]`);

/** A port nothing listens on: taken from the OS, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-ui-offline-'));
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  core = createCore({ dataDir: path.join(workDir, 'data'), cloud: { baseUrl: `http://127.0.0.1:${await closedPort()}`, token: 'offline' }, log: () => undefined });
  await expect(core.sync.now()).rejects.toThrow();
  shell = await startHeadlessShell({ api: core.api, events: core.events, log: () => undefined, announceUrl: false, rendererDir });
  browser = await launchRobotBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(shell.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  await core?.close();
  rmSync(workDir, { recursive: true, force: true });
});

const languages = [
  {
    lng: 'ja',
    badge: '同期できていません（クラウドに接続できません）',
    dashboard: 'クラウドとまだ一度も同期できていないため、LOC申請を表示できません（クラウドに接続できません）。同期状況を確認してください。',
    sync: 'クラウドの変更を取得できませんでした。クラウドに接続できません。ネットワークを確認してください。まだ一度も同期できていません。',
    connected: '接続中',
  },
  {
    lng: 'en',
    badge: 'Never synced (cannot reach the cloud)',
    dashboard: 'LOC requests cannot be shown because this workstation has never synced with the cloud (cannot reach the cloud). See Sync status.',
    sync: "The cloud's changes could not be fetched. Cannot reach the cloud. Check the network connection. Has never synced yet.",
    connected: 'Connected',
  },
  {
    lng: 'zh-TW',
    badge: '尚未同步（無法連線到雲端）',
    dashboard: '此工作站尚未成功與雲端同步（無法連線到雲端），因此無法顯示 LOC 申請。請查看同步狀態。',
    sync: '無法取得雲端的變更。無法連線到雲端。請檢查網路連線。尚未成功同步過。',
    connected: '已連線',
  },
] as const;

describe('a workstation that has never reached its cloud', () => {
  for (const expected of languages) {
    it(`says so in the top bar, on the empty dashboard and in 同期状況 (${expected.lng})`, async () => {
      await page.selectOption('.language select', expected.lng);
      await page.click('nav.screens button[data-screen=dashboard]');
      await expect.poll(() => badge().textContent()).toBe(expected.badge);
      expect(await badge().getAttribute('data-state')).toBe('never_synced');
      expect(await badge().textContent()).not.toContain(expected.connected);
      await expect.poll(() => page.locator('.sync-list-hint').textContent()).toBe(expected.dashboard);
      await page.screenshot({ path: path.join(screenshotDir, `offline-dashboard-${expected.lng}.png`) });
      await page.click('nav.screens button[data-screen=completed]');
      await expect.poll(() => page.locator('main[data-screen=completed] .sync-list-hint').textContent()).toBe(expected.dashboard);

      await page.click('nav.screens button[data-screen=sync]');
      await expect.poll(() => fact('lastError').textContent()).toBe(expected.sync);
      expect(await fact('lastError').getAttribute('role')).toBe('alert');
      // What the network stack said stays in the logs: no request line, error code or cursor here.
      const screen = (await page.locator('main').textContent()) ?? '';
      expect(screen).not.toMatch(/GET |\/v1\/|ECONNREFUSED|ENOTFOUND|fetch failed|cursor|カーソル|游標/i);
      await page.screenshot({ path: path.join(screenshotDir, `offline-sync-${expected.lng}.png`) });
    });
  }
});
