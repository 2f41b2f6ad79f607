import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { screenProblems } from './layout-checks';
import { startUiWorld, type UiWorld, openShopPage } from './ui-world';

/**
 * The タグ screen's progress line while the rules are applied to every member, in Chromium
 * against the headless shell: it follows the core's progress events in each language, fits the
 * shop PC's screen and full HD, and goes away when the run ends.
 */

let world: UiWorld;
let page: Page;

const line = () => page.getByTestId('tag-rule-progress');
const keyRoots = Object.keys(catalogs.ja);

beforeAll(async () => {
  world = await startUiWorld({ members: 40 });
  page = await openShopPage(world, { screen: 'tags' });
  await page.locator('#tag-rules-title').waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('the tag rule progress line', () => {
  it('shows nothing while no evaluation runs', async () => {
    expect(await world.core.api.call('tagRules.progress', {})).toEqual({ result: null });
    await expect.poll(() => page.getByRole('button', { name: '自動設定を追加' }).isVisible()).toBe(true);
    expect(await line().count()).toBe(0);
  });

  it('counts the members done in each language while an evaluation runs, and fits the screen', async () => {
    world.core.events.emit('tagRules.progress', { done: 123_456, total: 1_000_000, running: true });
    await expect.poll(() => line().textContent()).toBe('タグの自動設定を全会員に反映しています：123,456 / 1,000,000 人');
    world.core.events.emit('tagRules.progress', { done: 250_000, total: 1_000_000, running: true });
    await expect.poll(() => line().textContent()).toBe('タグの自動設定を全会員に反映しています：250,000 / 1,000,000 人');
    expect(await line().locator('progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([250_000, 1_000_000]);

    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      for (const [language, text] of [
        ['en', 'Applying the tag rules to every member: 250,000 of 1,000,000'],
        ['zh-TW', '正在將標籤自動設定套用到所有會員：250,000 / 1,000,000 人'],
        ['ja', 'タグの自動設定を全会員に反映しています：250,000 / 1,000,000 人'],
      ] as const) {
        await page.selectOption('.language select', language);
        await expect.poll(() => line().textContent()).toBe(text);
        expect(await page.evaluate(screenProblems, { language, keyRoots })).toEqual([]);
        const box = await line().boundingBox();
        expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
      }
    }
  });

  it('goes away when the evaluation ends', async () => {
    world.core.events.emit('tagRules.progress', { done: 1_000_000, total: 1_000_000, running: false });
    await expect.poll(() => line().count()).toBe(0);
  });
});
