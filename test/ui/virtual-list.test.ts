import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiWorld, type UiWorld } from './ui-world';

const TOTAL = 100_000;

let world: UiWorld;
let page: Page;

/** loc.list answered in the browser with a synthetic 100,000-row list; every other call reaches the core. */
async function answerWithLargeList(route: Route): Promise<void> {
  const call = JSON.parse(route.request().postData() ?? '{}') as { id: number; name: string; args: { page: number; pageSize: number } };
  if (call.name !== 'loc.list') return route.continue();
  const { page: number, pageSize } = call.args;
  const first = (number - 1) * pageSize;
  const items = Array.from({ length: Math.max(0, Math.min(pageSize, TOTAL - first)) }, (_, i) => ({
    id: first + i + 1,
    memberId: 1,
    memberDisplayName: `会員${first + i + 1}`,
    kind: 'crosssell',
    crosssellConfigId: 1,
    crosssellConfigName: 'クロスセル',
    productName: '化粧水',
    status: 'new',
    completionStatus: null,
    robotResult: null,
    requestedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    completedAt: null,
  }));
  await route.fulfill({ json: { id: call.id, result: { total: TOTAL, page: number, pageSize, items } } });
}

beforeAll(async () => {
  world = await startUiWorld({ members: 300 });
  page = await world.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.route('**/api/call', answerWithLargeList);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('LOC dashboard with 100,000 requests', () => {
  it('keeps only the rows in view in the page and reaches the last one by scrolling', async () => {
    await page.goto(world.shell.url);
    await expect.poll(() => page.getByTestId('loc-total').textContent()).toBe('100,000件');
    const rendered = () => page.locator('.loc-row[data-id]').count();
    await expect.poll(rendered).toBeGreaterThan(10);
    expect(await rendered()).toBeLessThan(60);

    await page.locator('.loc-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => page.locator(`.loc-row[data-id="${TOTAL}"]`).count()).toBe(1);
    expect(await rendered()).toBeLessThan(60);
  });
});
