import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiWorld, type UiWorld } from './ui-world';

const TOTAL = 100_000;
/** Every fifth applicant has a 10,000-character LINE name with a direction override in it. */
const HOSTILE_NAME = `\u202Eモツ${'長'.repeat(9_997)}`;
const nameOf = (id: number) => (id % 5 === 0 ? HOSTILE_NAME : `会員${id}`);

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
    memberDisplayName: nameOf(first + i + 1),
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
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.route('**/api/call', answerWithLargeList);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('LOC dashboard with 100,000 requests', () => {
  it('keeps only the rows in view in the page and reaches the last one by scrolling', async () => {
    await page.goto(world.shell.url);
    // A fifth of each page's rows carry 10,000-character names, so the first page is a large answer.
    await expect.poll(() => page.getByTestId('loc-total').textContent(), { timeout: 15_000 }).toBe('100,000件');
    const rendered = () => page.locator('.loc-row[data-id]').count();
    await expect.poll(rendered).toBeGreaterThan(10);
    expect(await rendered()).toBeLessThan(60);

    await page.locator('.loc-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => page.locator(`.loc-row[data-id="${TOTAL}"]`).count()).toBe(1);
    expect(await rendered()).toBeLessThan(60);
  });

  it('keeps every row 40 px high and the list from scrolling sideways when names are 10,000 characters long', async () => {
    await page.locator('.loc-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => page.locator('.loc-row[data-id="5"]').count()).toBe(1);
    const heights = await page.locator('.loc-row[data-id]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(10);
    expect(new Set(heights)).toEqual(new Set([40]));
    const scroll = await page.locator('.loc-scroll').evaluate((el) => ({ scrolled: el.scrollWidth, visible: el.clientWidth }));
    expect(scroll.scrolled).toBeLessThanOrEqual(scroll.visible);
    const name = page.locator('.loc-row[data-id="5"] .applicant .outside-text');
    expect(await name.getAttribute('title')).toBe(HOSTILE_NAME);
    expect(await name.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    // The member number under the name is where it is for a short name.
    const under = (id: number) => page.locator(`.loc-row[data-id="${id}"] .applicant small`).evaluate((el) => Math.round(el.getBoundingClientRect().left - el.closest('.loc-row')!.getBoundingClientRect().left));
    expect(await under(5)).toBe(await under(4));
  });
});

