import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';
import { screenProblems, timesWithoutZone } from './layout-checks';

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

const unplacedTimes = async (html: string) => {
  await page.setContent(`<!doctype html><html lang="ja"><body>${html}</body></html>`);
  return page.evaluate(timesWithoutZone, { zoneNames: ['日本時間', 'Japan time'] });
};

describe('the English check of the language walk', () => {
  it('finds a Latin word in a Japanese sentence, but not in a name isolated inside it', async () => {
    await page.setContent('<!doctype html><html lang="ja"><body><p>タグ「VIP」を追加</p><p>タグ「\u2068Gold\u2069」を追加</p></body></html>');
    expect(await page.evaluate(screenProblems, { language: 'ja', keyRoots: ['completed'] })).toEqual(['English on a Japanese screen: top p 「タグ「VIP」を追加」 shows 「VIP」']);
  });
});

describe('the time-zone check of the language walk', () => {
  it('finds a column of times whose header names no zone, once per table', async () => {
    const problems = await unplacedTimes('<section><table><thead><tr><th>日時</th></tr></thead><tbody><tr><td>2026/12/04 09:05</td></tr><tr><td>2026/12/05 10:00</td></tr></tbody></table></section>');
    expect(problems).toEqual(['time without its zone: top table shows 「2026/12/04 09:05」 and names no zone']);
  });

  it('passes a table whose header names the zone, a term list named at its first time and a sentence that names it', async () => {
    const html = [
      '<section><table><thead><tr><th>日時 <span class="zone-label">日本時間</span></th></tr></thead><tbody><tr><td>2026/12/04 09:05</td></tr></tbody></table></section>',
      '<section><dl><dt>最終取得 <span class="zone-label">日本時間</span></dt><dd>2026/12/04 09:05</dd><dt>最終送信</dt><dd>2026/12/04 09:06</dd></dl></section>',
      '<section><p>Night: 2026/12/03 22:00 – 2026/12/04 07:00 Japan time</p></section>',
      '<section><h3>タグ <span class="zone-label">日本時間</span></h3><ul><li>VIP · 2026/12/04 09:05</li></ul></section>',
    ].join('');
    expect(await unplacedTimes(html)).toEqual([]);
  });

  it('does not take the zone named in another section for this one, and knows dates, months and clock times', async () => {
    const html = [
      '<section><h3>注文 <span class="zone-label">日本時間</span></h3><p>2026/12/04 09:05</p></section>',
      '<section><h3>定期</h3><table><tbody><tr><td>2026/12/04</td></tr></tbody></table></section>',
      '<section><p>請求期間 2026/12</p></section>',
      '<section><p>18:05 から同期できていません</p></section>',
    ].join('');
    expect(await unplacedTimes(html)).toEqual([
      'time without its zone: top table shows 「2026/12/04」 and names no zone',
      'time without its zone: top p shows 「2026/12」 and names no zone',
      'time without its zone: top p shows 「18:05」 and names no zone',
    ]);
  });

  it('reports a time in the ISO form, and leaves customers\' own text, data and typing examples alone', async () => {
    expect(await unplacedTimes('<section><p>更新 2026-12-04 <span class="zone-label">日本時間</span></p></section>')).toEqual(['time in another form: top p shows 「2026-12-04」']);
    const html = '<section><p><span class="outside-text">12:30に届けて</span></p><p translate="no">SKU 2026/12</p><p class="date-input-error">日付は 2026/12/04 のように入力してください</p></section>';
    expect(await unplacedTimes(html)).toEqual([]);
  });

  it('finds a column whose times are not all of one form', async () => {
    const rows = ['2026/12/04 09:05', '2026/12/05'].map((at) => `<tr><td>${at}</td><td>2026/12</td></tr>`).join('');
    const html = `<section><table><thead><tr><th>日時 <span class="zone-label">日本時間</span></th><th>月</th></tr></thead><tbody>${rows}</tbody></table></section>`;
    expect(await unplacedTimes(html)).toEqual(['times in mixed forms: top table column 1 shows date, date and minute']);
  });
});
