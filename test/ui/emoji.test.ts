import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';

/**
 * LINE names and memos are full of emoji (「ゆい🌸」「✨VIP✨」). The browser must have a font that
 * draws them, or each shows as an empty box: .ci/run installs Noto Color Emoji for that.
 */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchRobotBrowser();
  page = await browser.newPage({ viewport: { width: 400, height: 200 }, locale: 'ja-JP' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** How many of the pixels the text is drawn with are coloured, not black, grey or white. */
const colouredPixels = (text: string) =>
  page.evaluate((drawn) => {
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 60;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#000';
    context.font = '40px sans-serif';
    context.fillText(drawn, 10, 45);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured += 1;
    }
    return coloured;
  }, text);

describe('emoji in names', () => {
  it('draw as coloured emoji, not as boxes', async () => {
    await page.setContent('<!doctype html><html lang="ja"><body></body></html>');
    for (const emoji of ['🌸', '😀', '✨']) expect(await colouredPixels(emoji), emoji).toBeGreaterThan(50);
    // The check itself: text drawn in black has no colour.
    expect(await colouredPixels('さくら')).toBe(0);
  });
});
