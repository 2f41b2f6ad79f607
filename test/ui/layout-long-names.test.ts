import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { screenProblems } from './layout-checks';
import { startUiWorld, type UiWorld, openShopPage } from './ui-world';

let world: UiWorld;
let page: Page;

/**
 * A LINE name of 10,000 characters with a right-to-left override near its start: shown without
 * isolation, 「moc.elgoog//:sptth」 reads as a web address and everything after it on its line runs
 * backwards.
 */
const HOSTILE_NAME = `悪意\u202Emoc.elgoog//:sptth ${'長'.repeat(10_000 - 24)}`;
const LONG_TAG = `長いタグ${'名'.repeat(496)}`;
/** A tag whose name turns what follows it right to left, were it not isolated. */
const HOSTILE_TAG = '\u202Eグタ意悪';
const DOMAIN = 'layout-names.example';
/** The name both members share, so one search shows the two rows side by side. */
const SHARED_NAME = '配置 確認';
const phoneOf = (id: number) => `070-0000-${String(id).padStart(4, '0')}`;

const fixture = { normalId: 0, hostileId: 0, tagId: 0, hostileTagId: 0, requestId: 0 };

function seedNames(cloud: CloudSandbox): void {
  const s = cloud.store;
  const now = new Date().toISOString();
  const member = (id: number, displayName: string, email: string) => ({
    id, lineUserId: `Ulayout${String(id).padStart(26, '0')}`, displayName, name: SHARED_NAME, nameKana: 'ハイチ カクニン',
    phone: phoneOf(id), email, operator: null, followedAt: now, updatedAt: now,
  });
  fixture.normalId = s.nextId('member');
  s.upsert('member', member(fixture.normalId, '普通の名前', `normal@${DOMAIN}`));
  fixture.hostileId = s.nextId('member');
  s.upsert('member', member(fixture.hostileId, HOSTILE_NAME, `hostile@${DOMAIN}`));
  fixture.tagId = s.nextId('tag');
  s.upsert('tag', { id: fixture.tagId, name: LONG_TAG, folder: null, updatedAt: now });
  s.upsert('member_tag', { memberId: fixture.hostileId, tagId: fixture.tagId, source: 'manual', sourceDetail: null, setAt: now });
  fixture.hostileTagId = s.nextId('tag');
  s.upsert('tag', { id: fixture.hostileTagId, name: HOSTILE_TAG, folder: null, updatedAt: now });
  const config = [...s.crosssellConfigs.values()][0]!;
  fixture.requestId = s.nextId('loc_request');
  s.upsert('loc_request', {
    id: fixture.requestId, uid: randomUUID(), memberId: fixture.hostileId, kind: 'crosssell', crosssellConfigId: config.id, status: 'needs_manual',
    completionStatus: null, note: null, robotResult: null, requestedAt: now, completedAt: null, updatedAt: now,
  });
}

const box = async (locator: Locator) => (await locator.boundingBox())!;
const row = (id: number) => page.locator(`.member-results tr[data-id="${id}"]`);
const columnWidths = () => page.locator('.member-results thead th').evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));

async function searchMembers(query: string, rows: number): Promise<void> {
  await page.click('nav.screens button[data-screen=members]');
  await page.fill('input[name=member-query]', query);
  await expect.poll(() => page.locator('.member-results tbody tr').count()).toBe(rows);
}

/** The layout checks of the language walk, on what is now showing, in Japanese. */
const problemsNow = () => page.evaluate(screenProblems, { language: 'ja', keyRoots: Object.keys(catalogs.ja) });

beforeAll(async () => {
  world = await startUiWorld({ members: 30, seedCloud: seedNames });
  page = await openShopPage(world);
  await page.locator('.loc-row[data-id]').first().waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('a 10,000-character LINE name with U+202E at 1366×768', () => {
  it('leaves the member list one line per row with its columns as wide as without it', async () => {
    await searchMembers(phoneOf(fixture.normalId), 1);
    const widthsWithout = await columnWidths();
    const normalHeight = (await box(row(fixture.normalId))).height;

    await searchMembers(SHARED_NAME, 2);
    expect(await columnWidths()).toEqual(widthsWithout);
    expect((await box(row(fixture.hostileId))).height).toBe(normalHeight);
    expect((await box(row(fixture.normalId))).height).toBe(normalHeight);

    const name = row(fixture.hostileId).locator('.member-open .outside-text');
    expect(await name.getAttribute('title')).toBe(HOSTILE_NAME);
    expect(await name.evaluate((el) => [getComputedStyle(el).unicodeBidi, el.getAttribute('dir'), el.scrollWidth > el.clientWidth])).toEqual(['isolate', 'auto', true]);

    // Each cell keeps its place: ID, the name, then 氏名 and the phone, left to right within the table.
    const cells = await row(fixture.hostileId).locator('td').evaluateAll((tds) => tds.filter((td) => td.checkVisibility()).map((td) => td.getBoundingClientRect()).map((r) => ({ left: Math.round(r.left), right: Math.round(r.right) })));
    expect(cells.length).toBeGreaterThan(3);
    for (let i = 1; i < cells.length; i++) expect(cells[i]!.left).toBeGreaterThanOrEqual(cells[i - 1]!.right);
    const table = await box(page.locator('.member-results'));
    const panel = await box(page.locator('.member-search'));
    expect(table.x + table.width).toBeLessThanOrEqual(panel.x + panel.width);
    expect(await row(fixture.hostileId).locator('td').nth(2).textContent()).toBe(SHARED_NAME);

    // The long tag's chip is cut inside its cell as well.
    const chip = row(fixture.hostileId).locator('.tags li');
    const tagsCell = row(fixture.hostileId).locator('td').last();
    expect((await box(chip)).x + (await box(chip)).width).toBeLessThanOrEqual((await box(tagsCell)).x + (await box(tagsCell)).width);
    expect(await problemsNow()).toEqual([]);
  });

  it('leaves the member page with its details where they start for a short name', async () => {
    await searchMembers(SHARED_NAME, 2);
    const detailsOf = async (id: number) => {
      await row(id).locator('.member-open').click();
      await page.locator(`.member-page[data-id="${id}"] dl.member-profile`).waitFor();
      return {
        heading: (await box(page.locator('#member-page-title'))).height,
        profile: (await box(page.locator('#member-profile'))).y,
        kana: (await box(page.locator('.member-profile dd').nth(2))).y,
        cart: (await box(page.locator('#member-cart-customers'))).y,
        close: await box(page.locator('.member-page .panel-header button')),
      };
    };
    const normal = await detailsOf(fixture.normalId);
    const hostile = await detailsOf(fixture.hostileId);
    expect({ ...hostile, close: undefined }).toEqual({ ...normal, close: undefined });
    // The close button stays in view, beside the name rather than pushed off to the right.
    expect(hostile.close.x + hostile.close.width).toBeLessThanOrEqual(1366);
    expect(hostile.close).toEqual(normal.close);

    const heading = page.locator('#member-page-title .outside-text');
    expect(await heading.getAttribute('title')).toBe(HOSTILE_NAME);
    expect(await heading.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    // dt and its dd stay on one line each, the label to the left of the name.
    const label = await box(page.locator('.member-profile dt').first());
    const value = await box(page.locator('.member-profile dd').first());
    expect(label.x + label.width).toBeLessThanOrEqual(value.x);
    expect(Math.abs(label.y - value.y)).toBeLessThan(2);
    expect(value.height).toBeLessThan(label.height * 1.5);
    const tag = page.locator(`.member-tag[data-tag-id="${fixture.tagId}"] .member-tag-name`);
    expect(await tag.getAttribute('title')).toBe(LONG_TAG);
    const pageBox = await box(page.locator('.member-page'));
    expect((await box(tag)).x + (await box(tag)).width).toBeLessThanOrEqual(pageBox.x + pageBox.width);
    expect(await problemsNow()).toEqual([]);
  });

  it('leaves the LOC dashboard row 40 px high, the name above its member number', async () => {
    await page.click('nav.screens button[data-screen=dashboard]');
    const locRow = page.locator(`.loc-row[data-id="${fixture.requestId}"]`);
    await page.locator('.loc-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await locRow.waitFor();
    expect((await box(locRow)).height).toBe(40);
    const name = await box(locRow.locator('.applicant .outside-text'));
    const number = await box(locRow.locator('.applicant small'));
    const applicant = await box(locRow.locator('.applicant'));
    expect(name.y + name.height).toBeLessThanOrEqual(number.y + 1);
    expect(name.x + name.width).toBeLessThanOrEqual(applicant.x + applicant.width + 1);
    await locRow.click();
    await page.locator('.loc-detail h2').waitFor();
    expect(await page.locator('.loc-detail dd .outside-text').first().getAttribute('title')).toBe(HOSTILE_NAME);
    expect(await problemsNow()).toEqual([]);
  });
});

describe('a tag name of 500 characters', () => {
  it('stays inside the bulk-tag form as its dropdown', async () => {
    await searchMembers(SHARED_NAME, 2);
    const select = page.locator('select[name=bulk-tag]');
    await select.selectOption(String(fixture.tagId));
    const form = await box(page.locator('.member-bulk-form'));
    const chosen = await box(select);
    expect(chosen.x + chosen.width).toBeLessThanOrEqual(form.x + form.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await problemsNow()).toEqual([]);
  });
});

/**
 * Where the characters of a sentence after the tag name are drawn: with the name isolated they
 * run left to right after it; an override leaking out of the name would draw them backwards.
 */
const drawnAfterTag = (sentence: Locator) =>
  sentence.evaluate((p) => {
    const text = p.firstChild as Text;
    const at = (offset: number) => {
      const range = document.createRange();
      range.setStart(text, offset);
      range.setEnd(text, offset + 1);
      return range.getBoundingClientRect().left;
    };
    const close = text.data.indexOf('」');
    return [at(close), at(close + 1), at(close + 2)];
  });

describe('a tag name holding U+202E', () => {
  it('cannot turn the bulk-tag confirmation or its done notice backwards', async () => {
    await searchMembers(SHARED_NAME, 2);
    await page.selectOption('select[name=bulk-tag]', String(fixture.hostileTagId));
    await page.getByRole('button', { name: '対象の人数を確認' }).click();
    const confirmation = page.locator('#member-bulk-confirm-text');
    await confirmation.waitFor();
    const [close, next, after] = await drawnAfterTag(confirmation);
    expect(close).toBeLessThan(next!);
    expect(next).toBeLessThan(after!);
    expect(await confirmation.textContent()).toBe(`検索に該当する 2 名のうち 2 名にタグ「\u2068${HOSTILE_TAG}\u2069」を追加します（0 名はすでに付いています）。`);
    expect(await problemsNow()).toEqual([]);

    await page.getByTestId('member-bulk-confirm').getByRole('button', { name: '2 名に追加する' }).click();
    const done = page.getByTestId('member-bulk-done');
    await expect.poll(() => done.getAttribute('data-changed')).toBe('2');
    expect(await done.textContent()).toBe(`2 名にタグ「\u2068${HOSTILE_TAG}\u2069」の追加を登録しました。クラウドに送信されると確定します。`);
    const [doneClose, doneNext, doneAfter] = await drawnAfterTag(done);
    expect(doneClose).toBeLessThan(doneNext!);
    expect(doneNext).toBeLessThan(doneAfter!);
  });
});
