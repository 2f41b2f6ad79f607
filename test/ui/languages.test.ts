import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, pageDetails, rightOf, screenOf } from '../../automation/ecforce/errors';
import type { ReasonRecord } from '../../electron/core/sync/change-schemas';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import shopTimeEn from '../../renderer/src/i18n/shopTime/en.json';
import shopTimeJa from '../../renderer/src/i18n/shopTime/ja.json';
import shopTimeZhTW from '../../renderer/src/i18n/shopTime/zh-TW.json';
import { screenProblems, timesWithoutZone } from './layout-checks';
import { startUiWorld, type UiWorld } from './ui-world';

let world: UiWorld;
let page: Page;

/** The common shop PC and a full-HD screen. */
const shopPc = { width: 1366, height: 768 };
const sizes = [shopPc, { width: 1920, height: 1080 }];

/**
 * What counts as a label: headings, field labels, buttons, column headers, term names and
 * placeholders. Text inside [translate=no] is data (names, codes, placeholders of the message
 * template) and stays as it is in every language; the language picker names each language in
 * itself.
 */
function visibleLabels(): Array<{ text: string; placeholder: boolean }> {
  const selector = 'h1, h2, h3, h4, label > span, legend, button, [role=columnheader], th, dt, summary, caption';
  const out: Array<{ text: string; placeholder: boolean }> = [];
  const own = (el: Element) =>
    [...el.childNodes]
      .map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : n instanceof Element && !n.closest('[translate=no]') && !n.matches(selector) ? n.textContent : ''))
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('[translate=no], .language') || !(el as HTMLElement).checkVisibility()) continue;
    const text = own(el);
    if (text) out.push({ text, placeholder: false });
  }
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')) {
    if (!el.closest('[translate=no]') && el.checkVisibility() && el.placeholder) out.push({ text: el.placeholder, placeholder: true });
  }
  return out;
}

const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
const kana = /[\u3040-\u30ff]/;
/** A key shown instead of its message, e.g. `loc.col.status`. */
const rawKey = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9_]+)+$/;
/** The same in every language: abbreviations, the product's name. */
const universal = new Set(['ID', 'Tanto', 'LINE', 'CSV', 'LOC', 'URL', 'CP932', 'UTF-8', 'OK']);
const stripData = (label: string) => label.replace(/[#＃]?\d[\d,./:\- ]*/g, '').trim();

type Language = 'ja' | 'en' | 'zh-TW';
const keyRoots = Object.keys(catalogs.ja);
/** Every zone's name in every language: a block of times names one of them. */
const zoneNames: string[] = [shopTimeJa, shopTimeEn, shopTimeZhTW].flatMap((catalog) => Object.values(catalog.shopTime.zoneLabel));
/** Every screen as the walk saw it, to look at when a check fails (not kept in the repo). */
const walkShots = fileURLToPath(new URL('../../test-results/language-walk', import.meta.url));

async function showIn(language: Language): Promise<void> {
  await page.selectOption('.language select', language);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  // One frame for React to commit the new language everywhere.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

async function labelsIn(language: Language) {
  await showIn(language);
  return page.evaluate(visibleLabels);
}

/** The screen's problems in one language, each tagged with the language and the window's size. */
async function problemsIn(language: Language, size: string, screen: string): Promise<string[]> {
  await showIn(language);
  await page.screenshot({ path: path.join(walkShots, `${size}-${screen}-${language}.png`) });
  const problems = [...(await page.evaluate(screenProblems, { language, keyRoots })), ...(await page.evaluate(timesWithoutZone, { zoneNames }))];
  return problems.map((problem) => `${size} ${language} ${problem}`);
}

/** Whether the element's top and bottom are in the window (its bottom may pass it when it is taller than half of it). */
function inView(selector: string): Promise<{ top: boolean; bottom: boolean }> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top >= 0, bottom: r.bottom <= window.innerHeight + 1 || r.top < window.innerHeight / 2 };
  });
}

async function openScreen(walk: ScreenWalk): Promise<void> {
  await page.selectOption('.language select', 'ja');
  // Leaving the screen first closes whatever the last walk opened on it.
  const other = walk.screen === 'sync' ? 'robot' : 'sync';
  await page.click(`nav.screens button[data-screen=${other}]`);
  await page.locator(`main[data-screen=${other}]`).waitFor();
  await page.click(`nav.screens button[data-screen=${walk.screen}]`);
  await expect.poll(() => page.locator(`main[data-screen=${walk.screen}] h2`).count()).toBeGreaterThan(0);
  await walk.open?.();
  await page.waitForLoadState('networkidle');
}

interface ScreenWalk {
  screen: string;
  /** Brings up the parts of the screen that only show after a click (a detail pane, an editor). */
  open?: () => Promise<void>;
  /** What the last click of `open` brought up, which must then be in view, not below the fold. */
  result?: string;
}

const walks: ScreenWalk[] = [
  { screen: 'dashboard', open: () => page.locator('.loc-row[data-id]').first().click() },
  { screen: 'completed', open: () => page.locator('main[data-screen=completed] tr[data-id]').first().click() },
  { screen: 'crosssell', open: () => page.locator('.crosssell-table tr[data-id] .row-actions button').first().click() },
  { screen: 'members', open: () => page.locator('button.member-open').first().click() },
  { screen: 'tags', open: openRuleEditorWithPreview, result: '[data-testid=tag-rule-preview]' },
  { screen: 'robot' },
  { screen: 'sync' },
  { screen: 'staff' },
  { screen: 'settings', open: () => page.locator('[data-panel=cart] button').last().click() },
];

/** A new tag rule with two compound groups, one condition of each kind with inputs, and its preview. */
async function openRuleEditorWithPreview(): Promise<void> {
  const editor = page.locator('.tag-rule-editor');
  const input = (group: number, index: number, field: string) => editor.locator(`[name="groups.${group}.conditions.${index}.${field}"]`);
  await page.locator('.tag-rule-list .panel-header button.primary').click();
  await editor.locator('#tag-rule-name').fill('言語確認ルール');
  await editor.locator('#tag-rule-tag').selectOption({ index: 1 });
  await editor.locator('input[name=match][value=any]').check();
  await input(0, 0, 'text').fill('SKN-002');
  await editor.locator('fieldset.tag-group[data-group="0"] button.add-condition').click();
  await input(0, 1, 'kind').selectOption('purchaseAmount');
  await input(0, 1, 'number').fill('5000');
  await editor.locator('button.add-group').click();
  await input(1, 0, 'kind').selectOption('subscriptionStatus');
  await input(1, 0, 'op').selectOption('contains');
  await editor.locator('button.preview-rule').click();
  await editor.getByTestId('tag-rule-preview').waitFor();
}

/**
 * The robot's reasons for handing requests to a person, as the driver words them: each names the
 * cart admin screen it was on, and what it found there or the right its login lacks. The status
 * quoted is the site's own word, which stays as the site wrote it.
 */
const robotReasons = [
  messages.unexpectedPage(screenOf('subscriptionList'), pageDetails.unknownStatus('休止中')),
  messages.timeout(screenOf('orderForm')),
  messages.permissionDenied(rightOf('定期受注管理')),
];
const asRecord = (reason: { key: string; params: readonly unknown[] }): ReasonRecord =>
  JSON.parse(JSON.stringify(reason, (k, v: unknown) => (k === 'text' ? undefined : v))) as ReasonRecord;
const handedOver: number[] = [];

/** Whatever statuses the seeded shop drew, the dashboard needs open requests and the completed list finished ones. */
function openAndFinishSome(cloud: CloudSandbox): void {
  const requests = [...cloud.store.locRequests.values()];
  for (const request of requests.slice(0, 2)) {
    cloud.store.upsert('loc_request', { ...request, status: 'done', completionStatus: '対応完了', completedAt: request.updatedAt, note: '電話で確認済み' });
  }
  for (const request of requests.slice(2, 5)) {
    cloud.store.upsert('loc_request', { ...request, status: 'needs_manual', completionStatus: null, completedAt: null, note: '商品コードがカートの商品マスタと一致しません' });
  }
  const template = requests[0]!;
  for (const reason of robotReasons) {
    const id = cloud.store.nextId('loc_request');
    const robotResult = { outcome: 'needs_manual' as const, message: String(reason), reason: asRecord(reason), reportedAt: template.updatedAt };
    cloud.store.upsert('loc_request', { ...template, id, uid: randomUUID(), status: 'needs_manual', completionStatus: null, completedAt: null, finishedBy: null, lease: null, note: null, robotResult });
    handedOver.push(id);
  }
}

beforeAll(async () => {
  mkdirSync(walkShots, { recursive: true });
  world = await startUiWorld({ members: 300, seedCloud: openAndFinishSome });
  page = await world.browser.newPage({ viewport: shopPc, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  // A walk may leave an editor with unsaved changes open; moving on to the next screen gives them up.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(world.shell.url);
  await page.locator('.loc-row[data-id]').first().waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('ja → en → zh-TW on every screen', () => {
  for (const walk of walks) {
    it(`${walk.screen}: every visible label changes language`, async () => {
      await page.setViewportSize(shopPc);
      await openScreen(walk);

      const jaLabels = await labelsIn('ja');
      const enLabels = await labelsIn('en');
      const zhLabels = await labelsIn('zh-TW');
      await page.selectOption('.language select', 'ja');
      const [ja, en, zh] = [jaLabels, enLabels, zhLabels].map((labels) => labels.map((l) => l.text)) as [string[], string[], string[]];
      // Placeholders may show Japanese sample input (a customer's name to search for) in any language.
      const notPlaceholders = (labels: typeof jaLabels) => labels.filter((l) => !l.placeholder).map((l) => l.text);

      expect(ja.length, 'labels found').toBeGreaterThan(3);
      expect([en.length, zh.length], 'the same labels in each language').toEqual([ja.length, ja.length]);
      for (const labels of [ja, en, zh]) expect(labels.filter((l) => rawKey.test(l)), 'keys shown as text').toEqual([]);
      expect(notPlaceholders(enLabels).filter((l) => japanese.test(l)), 'Japanese left in English').toEqual([]);
      expect(notPlaceholders(zhLabels).filter((l) => kana.test(l)), 'Japanese kana left in Chinese').toEqual([]);
      const unchanged = ja.filter((l, i) => stripData(l) !== '' && !universal.has(stripData(l)) && (l === en[i] || en[i] === zh[i]));
      expect(unchanged, 'labels the same in two languages').toEqual([]);
    });
  }
});

/** Quoted words are the site's or the customer's own (a status, a label), the same in every language. */
const withoutQuoted = (text: string) => text.replace(/「[^」]*」|"[^"]*"|“[^”]*”/g, '');

describe("the robot's reasons on the dashboard, in ja, en and zh-TW", () => {
  it('name the cart screen and what was wrong in the viewer’s language, nothing Japanese left in English, no kana in Chinese', async () => {
    await page.setViewportSize(shopPc);
    await openScreen({ screen: 'dashboard' });
    const words = async () => {
      const out: Record<string, string> = {};
      for (const id of handedOver) {
        const row = page.locator(`.loc-row[data-id="${id}"]`);
        await expect.poll(() => row.count()).toBe(1);
        out[`LOC ${id} robot result`] = (await row.locator('.robot-result').getAttribute('title')) ?? '';
        await row.click();
        await expect.poll(() => page.locator('.loc-detail h2').textContent()).toMatch(new RegExp(`#${id}$`));
        out[`LOC ${id} detail reason`] = (await page.locator('.loc-detail [data-testid=robot-reason]').textContent()) ?? '';
      }
      return out;
    };
    await showIn('ja');
    const ja = await words();
    expect(Object.keys(ja)).toHaveLength(2 * robotReasons.length);
    expect(Object.values(ja)).toContain(String(robotReasons[0]));
    await showIn('en');
    const en = await words();
    await showIn('zh-TW');
    const zh = await words();
    await page.selectOption('.language select', 'ja');
    expect(Object.values(en)).toContain('The cart admin page is not laid out as expected (Subscriptions (subscription list): unknown status "休止中")');
    for (const [where, text] of Object.entries(en)) {
      expect(text, where).not.toBe('');
      expect(withoutQuoted(text), `Japanese left in English: ${where}`).not.toMatch(japanese);
    }
    for (const [where, text] of Object.entries(zh)) {
      expect(text, where).not.toBe('');
      expect(withoutQuoted(text), `Japanese kana left in Chinese: ${where}`).not.toMatch(kana);
      expect(text, where).not.toMatch(/受注管理|受注作成|定期受注/);
    }
  });
});

describe.each(sizes)('every screen at $width×$height in ja, en and zh-TW', (size) => {
  for (const walk of walks) {
    it(`${walk.screen} and what opens on it: no overflow, clipped text, broken word, internal code, English among the Japanese or time without its zone`, async () => {
      await page.setViewportSize(size);
      await openScreen(walk);
      if (walk.result) expect(await inView(walk.result), `${walk.result} in view`).toEqual({ top: true, bottom: true });
      const problems: string[] = [];
      for (const language of ['ja', 'en', 'zh-TW'] as const) problems.push(...(await problemsIn(language, `${size.width}×${size.height}`, walk.screen)));
      await page.selectOption('.language select', 'ja');
      expect(problems).toEqual([]);
    });
  }
});
