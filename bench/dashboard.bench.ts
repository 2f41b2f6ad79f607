import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchRobotBrowser } from '../automation/browser';
import { startHeadlessShell } from '../electron/headless/server';
import { tempDir } from '../test/fixtures/tmp';
import { buildRenderer } from '../test/ui/ui-world';
import { changeFilter, instrumentPage, type FilterTiming } from './dashboard/in-page';
import { seedDashboardShop } from './dashboard/shop';
import type { BenchResult } from './report';
import { median, percentile } from './stats';

const REQUESTS = 100_000;
const BASELINE_REQUESTS = 1_000;
const LOADS = 7;

/**
 * Every (kind, status) pair once, each step changing one select: a pair seen before would be
 * answered from the screen's query cache and flatter the figure.
 */
function filterWalk(statuses: string[], kinds: string[]): Array<{ selector: string; value: string }> {
  const steps: Array<{ selector: string; value: string }> = [];
  kinds.forEach((kind, k) => {
    if (k > 0) steps.push({ selector: 'select[name=kind]', value: kind });
    const order = k % 2 === 0 ? statuses : [...statuses].reverse();
    for (const status of order.slice(1)) steps.push({ selector: 'select[name=status]', value: status });
  });
  return steps;
}

interface ShopFigures {
  firstRender: number[];
  filters: FilterTiming[];
}

async function measureShop(browser: Browser, rendererDir: string, dir: string, requests: number, withFilters: boolean): Promise<ShopFigures> {
  const shop = seedDashboardShop(dir, requests);
  const shell = await startHeadlessShell({ api: shop.api, events: shop.events, log: () => undefined, announceUrl: false, rendererDir });
  try {
    const firstRender: number[] = [];
    let filters: FilterTiming[] = [];
    for (let load = 0; load < LOADS; load += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      const page = await context.newPage();
      // tsx compiles with esbuild's keepNames, which wraps named functions in a __name helper
      // that exists in Node but not in the page the functions are sent to.
      await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
      await page.addInitScript(instrumentPage);
      await page.goto(shell.url);
      await page.waitForFunction(() => (window as unknown as { __bench: { firstRowAt: number | null } }).__bench.firstRowAt !== null, null, { timeout: 60_000 });
      firstRender.push(await page.evaluate(() => (window as unknown as { __bench: { firstRowAt: number } }).__bench.firstRowAt));
      if (withFilters && load === LOADS - 1) {
        filters = [];
        // The screen's own choices: the dashboard offers the open statuses only.
        const options = (name: string) => page.$$eval(`select[name=${name}] option`, (els) => els.map((el) => (el as HTMLOptionElement).value));
        for (const step of filterWalk(await options('status'), await options('kind'))) filters.push(await page.evaluate(changeFilter, step));
      }
      await context.close();
    }
    return { firstRender, filters };
  } finally {
    await shell.close();
    shop.close();
  }
}

/**
 * The LOC dashboard in Chromium over the headless shell: the time from navigation to the first
 * rows on screen, and from a filter change to the new list on screen, with 100,000 requests in
 * the replica. Baselines from the same run: the first render over a 1,000-request replica (what
 * the page costs regardless of size) and the loc.list round trip inside each filter change
 * (what the core and HTTP cost, the rest being React).
 */
export default async function dashboardBench(): Promise<BenchResult> {
  const tmp = tempDir('tanto-bench-dashboard-');
  const rendererDir = path.join(tmp.dir, 'renderer');
  await buildRenderer(rendererDir);
  const browser = await launchRobotBrowser();
  try {
    const baseline = await measureShop(browser, rendererDir, tmp.dir, BASELINE_REQUESTS, false);
    const large = await measureShop(browser, rendererDir, tmp.dir, REQUESTS, true);
    const filterMs = large.filters.map((f) => f.ms);
    const apiMs = large.filters.map((f) => f.apiMs);
    return {
      name: 'dashboard',
      metrics: [
        { metric: 'requests', value: REQUESTS, unit: 'rows', target: '' },
        { metric: 'first_render_ms', value: round(median(large.firstRender)), unit: 'ms', target: '< 1000' },
        { metric: 'first_render_max_ms', value: round(Math.max(...large.firstRender)), unit: 'ms', target: '' },
        { metric: 'baseline_first_render_1k_ms', value: round(median(baseline.firstRender)), unit: 'ms', target: '' },
        { metric: 'filter_ms', value: round(median(filterMs)), unit: 'ms', target: '< 100' },
        { metric: 'filter_p95_ms', value: round(percentile(filterMs, 95)), unit: 'ms', target: '' },
        { metric: 'filter_api_ms', value: round(median(apiMs)), unit: 'ms', target: '' },
        { metric: 'filter_changes', value: filterMs.length, unit: 'changes', target: '' },
      ],
      notes: [
        `first render: median of ${LOADS} fresh page loads, navigation start to the first frame with rows`,
        `filter: every kind × status pair once (${filterMs.length} changes), change event to the first frame showing the new list`,
      ],
    };
  } finally {
    await browser.close();
    tmp.remove();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
