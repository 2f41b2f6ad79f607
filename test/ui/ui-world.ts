import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchRobotBrowser } from '../../automation/browser';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';

const repo = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const screenshotDir = repo('docs/screenshots');

/** The common shop PC's screen: the README's screenshots show every screen at this size. */
export const shopPcViewport = { width: 1366, height: 768 };

/**
 * Writes docs/screenshots/<name> as the screen looks at 1366×768, whatever size the test works
 * at, and gives the page its size back afterwards.
 */
export async function writeScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const size = page.viewportSize();
  mkdirSync(screenshotDir, { recursive: true });
  await page.setViewportSize(shopPcViewport);
  // One frame for the layout at the new size.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: options.fullPage ?? false });
  if (size) await page.setViewportSize(size);
}

/**
 * A page on the world's shell as a Japanese shop's PC sees it (1366×768, ja-JP, Asia/Tokyo,
 * unless told otherwise), opened on `screen` when one is named.
 */
export async function openShopPage(
  world: Pick<UiWorld, 'browser' | 'shell'>,
  options: { viewport?: { width: number; height: number }; screen?: string } = {},
): Promise<Page> {
  const page = await world.browser.newPage({ viewport: options.viewport ?? shopPcViewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await page.goto(world.shell.url);
  if (options.screen) await page.click(`nav.screens button[data-screen=${options.screen}]`);
  return page;
}

export interface UiWorld {
  cloud: CloudSandbox;
  core: Core;
  shell: HeadlessShell;
  browser: Browser;
  /** The renderer build the shell serves, for a test that starts a second workstation's shell. */
  rendererDir: string;
  close(): Promise<void>;
}

/** Vitest sets NODE_ENV=test, which would make vite bundle React's development build; shops get production. */
export async function buildRenderer(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: repo('vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * The renderer as shops get it: built by vite from the repo's config (into a folder of its own,
 * so a test serving renderer/dist at the same time is not disturbed), served by the headless
 * shell over a core synced from a cloud sandbox, in Debian's Chromium.
 */
export async function startUiWorld(options: {
  members: number;
  seedCloud?: (cloud: CloudSandbox) => void;
  /** The desktop's secret store, for screens about secrets. */
  secrets?: Pick<CoreOptions, 'secrets' | 'expectedSecrets'>;
}): Promise<UiWorld> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-ui-'));
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);

  const cloud = await startCloudSandbox({ members: options.members });
  options.seedCloud?.(cloud);
  const core = createCore({ dataDir: path.join(workDir, 'data'), cloud: { baseUrl: cloud.url, token: cloud.token }, log: () => undefined, ...options.secrets });
  await core.sync.now();
  const shell = await startHeadlessShell({ api: core.api, events: core.events, log: () => undefined, announceUrl: false, rendererDir });
  const browser = await launchRobotBrowser();
  return {
    cloud,
    core,
    shell,
    browser,
    rendererDir,
    async close() {
      await browser.close();
      await shell.close();
      await core.close();
      await cloud.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
