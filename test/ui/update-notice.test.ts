import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateNotice } from '../../electron/core/api/types';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { screenProblems } from './layout-checks';
import { startUiWorld, writeScreenshot, type UiWorld } from './ui-world';

/**
 * The top bar's update notice as the desktop app shows it. The renderer runs as in Electron:
 * through a `window.tanto` bridge, here one that carries the same envelopes to the headless
 * shell over HTTP and its WebSocket, and whose update notices the test pushes as the main
 * process would.
 */
let world: UiWorld;
let page: Page;
const keyRoots = Object.keys(catalogs.ja);

function desktopBridge({ token }: { token: string }): void {
  let listener: ((text: string) => void) | null = null;
  let last: string | null = null;
  (window as unknown as { pushUpdate(text: string): void }).pushUpdate = (text) => {
    last = text;
    listener?.(text);
  };
  (window as unknown as { tanto: object }).tanto = {
    call: (envelope: string) =>
      fetch('/api/call', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: envelope }).then((r) => r.text()),
    onEvent(onText: (text: string) => void) {
      const socket = new WebSocket(`ws://${location.host}/api/events`, [`tanto.${token}`]);
      socket.onmessage = (message) => onText(String(message.data));
      return () => socket.close();
    },
    onConnectionChange(onState: (state: string) => void) {
      onState('open');
      return () => undefined;
    },
    onUpdate(onText: (text: string) => void) {
      listener = onText;
      if (last) onText(last);
      return () => {
        listener = null;
      };
    },
  };
}

const push = (notice: UpdateNotice) => page.evaluate((text) => (window as unknown as { pushUpdate(text: string): void }).pushUpdate(text), JSON.stringify(notice));
const badge = () => page.locator('header.topbar [data-update]');

beforeAll(async () => {
  world = await startUiWorld({ members: 200 });
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.addInitScript(desktopBridge, { token: world.shell.token });
  await page.goto(`http://127.0.0.1:${world.shell.port}/`);
  await page.locator('header.topbar').waitFor();
}, 240_000);
afterAll(async () => {
  await page?.close();
  await world?.close();
});

describe('the update notice in the top bar', () => {
  it('says nothing until there is an update, then follows it to installing', async () => {
    await expect.poll(() => page.locator('nav.screens button').count()).toBeGreaterThan(3);
    expect(await badge().count()).toBe(0);
    await push({ phase: 'available', version: '1.4.0', percent: null, waitingFor: null });
    await expect.poll(() => badge().textContent()).toBe('新しいバージョン 1.4.0 があります');
    await push({ phase: 'downloading', version: '1.4.0', percent: 62, waitingFor: null });
    await expect.poll(() => badge().textContent()).toBe('更新をダウンロード中（62%）');
    await push({ phase: 'ready', version: '1.4.0', percent: 100, waitingFor: 'robot' });
    await expect.poll(() => badge().textContent()).toBe('更新の準備完了：ロボットの申請が終わったら入れ替えます');
    await push({ phase: 'installing', version: '1.4.0', percent: 100, waitingFor: null });
    await expect.poll(() => badge().getAttribute('data-update')).toBe('installing');
    await push({ phase: 'none', version: null, percent: null, waitingFor: null });
    await expect.poll(() => badge().count()).toBe(0);
  });

  it('fits the top bar in every language at 1366×768 and 1920×1080, its longest message included', async () => {
    await push({ phase: 'ready', version: '1.4.0', percent: 100, waitingFor: 'sync' });
    const problems: string[] = [];
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      for (const language of ['ja', 'en', 'zh-TW'] as const) {
        await page.selectOption('.language select', language);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        for (const waitingFor of ['robot', 'sync'] as const) {
          await push({ phase: 'ready', version: '1.4.0', percent: 100, waitingFor });
          const messages = (catalogs[language] as unknown as { update: Record<string, string> }).update;
          await expect.poll(() => badge().textContent()).toBe(messages[waitingFor === 'robot' ? 'readyAfterRobot' : 'readyAfterSync']);
          const found = await page.evaluate(screenProblems, { language, keyRoots });
          problems.push(...found.filter((p) => p.startsWith('top ') || p.includes('overflow: the page')).map((p) => `${size.width} ${language} ${p}`));
          const box = await badge().evaluate((el) => ({ clipped: el.scrollWidth > el.clientWidth + 1, height: el.getBoundingClientRect().height }));
          expect(box.clipped, `${size.width} ${language}`).toBe(false);
        }
      }
    }
    expect(problems).toEqual([]);
    await page.selectOption('.language select', 'ja');
    await push({ phase: 'downloading', version: '1.4.0', percent: 62, waitingFor: null });
    await writeScreenshot(page, 'update-notice.png');
  });
});
