import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { startUiWorld, writeScreenshot, type UiWorld } from './ui-world';

/**
 * What a click on the desktop app's Windows notification or tray does in the window: the renderer
 * runs as in Electron, through a `window.tanto` bridge that carries the envelopes to the headless
 * shell over HTTP and its WebSocket, and whose click-throughs the test pushes as the main process
 * would (open-relay.ts), one of them waiting for the page as it loads.
 */
let world: UiWorld;
let page: Page;
let needing: number[] = [];

function seed(cloud: CloudSandbox): void {
  const template = [...cloud.store.locRequests.values()][0]!;
  needing = [];
  for (let n = 0; n < 3; n += 1) {
    const id = cloud.store.nextId('loc_request');
    needing.push(id);
    cloud.store.upsert('loc_request', { ...template, id, status: 'needs_manual', completionStatus: null, completedAt: null, note: '商品コードがカートの商品マスタと一致しません' });
  }
}

function desktopBridge({ token, waiting }: { token: string; waiting: string | null }): void {
  const win = window as unknown as { pushOpen(text: string): void; languages: string[]; tanto: object };
  let listener: ((text: string) => void) | null = null;
  win.languages = [];
  win.pushOpen = (text) => listener?.(text);
  win.tanto = {
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
    onOpen(onText: (text: string) => void) {
      listener = onText;
      // As the preload asks the main process for a target that waited for this window.
      if (waiting) queueMicrotask(() => onText(waiting));
      return () => {
        listener = null;
      };
    },
    setLanguage: (language: string) => win.languages.push(language),
  };
}

async function openPage(waiting: string | null): Promise<void> {
  await page?.close();
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await page.addInitScript(desktopBridge, { token: world.shell.token, waiting });
  await page.goto(`http://127.0.0.1:${world.shell.port}/`);
  await page.locator('header.topbar').waitFor();
}

const push = (target: object) => page.evaluate((text) => (window as unknown as { pushOpen(text: string): void }).pushOpen(text), JSON.stringify(target));
const rowIds = async () => (await page.locator('.loc-row[data-id]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).sort((a, b) => a - b);

beforeAll(async () => {
  world = await startUiWorld({ members: 100, seedCloud: seed });
}, 240_000);
afterAll(async () => {
  await page?.close();
  await world?.close();
});

describe("the desktop app's click-through", () => {
  it('opens the request a notification named, from any screen', async () => {
    await openPage(null);
    await page.locator('nav.screens button', { hasText: 'タグ' }).first().click();
    await push({ kind: 'request', id: needing[1] });
    await expect.poll(() => page.locator('#loc-detail-title').textContent(), { timeout: 15_000 }).toContain(String(needing[1]));
    expect(await page.locator('main.screen').getAttribute('data-screen')).toBe('dashboard');
  });

  it('opens the dashboard filtered to 手動対応 for a batch', async () => {
    await openPage(null);
    await push({ kind: 'needs-person' });
    await expect.poll(() => page.locator('select[name="status"]').inputValue(), { timeout: 15_000 }).toBe('needs_manual');
    await expect.poll(rowIds, { timeout: 15_000 }).toEqual([...needing].sort((a, b) => a - b));
    await writeScreenshot(page, 'desktop-needs-person.png');
  });

  it('opens what waited for a window opened by the click, once it has loaded', async () => {
    await openPage(JSON.stringify({ kind: 'request', id: needing[2] }));
    await expect.poll(() => page.locator('#loc-detail-title').textContent(), { timeout: 15_000 }).toContain(String(needing[2]));
  });

  it('ignores a target it cannot read, and tells the main process the language chosen', async () => {
    await openPage(null);
    await push({ kind: 'robot' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { languages: string[] }).languages)).toEqual(['ja']);
    expect(await page.locator('#loc-detail-title').count()).toBe(0);
    await page.locator('label.language select').selectOption('en');
    await expect.poll(() => page.evaluate(() => (window as unknown as { languages: string[] }).languages)).toEqual(['ja', 'en']);
  });

  it('says on the staff screen that Windows brings the notifications, with no word of the browser blocking them', async () => {
    await openPage(null);
    await page.locator('nav.screens button[data-screen=staff]').click();
    const alerts = page.locator('.alert-settings');
    await expect.poll(() => alerts.locator('[role=note]').textContent()).toContain('Windows の通知');
    expect(await alerts.locator('input[name=notify]').count()).toBe(0);
    expect(await alerts.locator('.error').count()).toBe(0);
    expect(await alerts.locator('input[name=sound]').count()).toBe(1);
  });
});
