import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';
import { screenProblems } from './layout-checks';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchRobotBrowser();
  page = await browser.newPage({ viewport: { width: 800, height: 600 }, locale: 'en-US' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const problemsOf = async (html: string) => {
  await page.setContent(`<!doctype html><html lang="en"><body style="font: 16px sans-serif">${html}</body></html>`);
  return page.evaluate(screenProblems, { language: 'en', keyRoots: ['completed'] });
};

describe('the placeholder check of the language walk', () => {
  it('finds an input whose placeholder is wider than the input', async () => {
    const problems = await problemsOf('<input name="search" style="width: 80px" placeholder="Name, phone, memo, ID…">');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^clipped: top input .*placeholder 「Name, phone, memo, ID…」 needs \d+px in \d+px$/);
  });

  it('counts the padding and the placeholder’s own font size', async () => {
    expect(await problemsOf('<input style="box-sizing: border-box; width: 200px; padding: 0 70px" placeholder="Name, phone">')).toHaveLength(1);
    const small = '<style>input::placeholder { font-size: 8px }</style><input style="width: 120px" placeholder="Name, phone, memo, ID…">';
    expect(await problemsOf(small)).toEqual([]);
  });

  it('passes a placeholder that fits, and an input with none', async () => {
    expect(await problemsOf('<input style="width: 320px" placeholder="Name, phone, memo, ID…"><input style="width: 20px">')).toEqual([]);
  });
});
