import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tagScreenJa from '../../renderer/src/i18n/tagScreen/ja.json';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { isolated } from '../../renderer/src/components/OutsideText';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { screenProblems } from './layout-checks';
import { startUiWorld, type UiWorld, writeScreenshot, openShopPage } from './ui-world';

/**
 * Rules that fight through a chain, made in the タグ screen's editor at the shop PC's 1366×768 in
 * Japanese: 「おすすめ対象」 is added to whoever has 「フォロー中」, 「フォロー中」 to whoever has
 * 「おすすめ対象」, and a third rule would take 「おすすめ対象」 off whoever has 「フォロー中」. The
 * third is refused, the whole chain named in the catalog's words, where the clerk is looking.
 */

let world: UiWorld;
let page: Page;

const fixture = { recommendId: 0, followId: 0 };
const RECOMMEND = 'おすすめ対象';
const FOLLOW = 'フォロー中';
const ADD_RECOMMEND = 'フォロー中ならおすすめ対象';
const ADD_FOLLOW = 'おすすめ対象ならフォロー中';
const DROP_RECOMMEND = 'フォロー中ならおすすめ対象を外す';

function seedTags(cloud: CloudSandbox): void {
  const now = new Date().toISOString();
  fixture.recommendId = cloud.store.nextId('tag');
  cloud.store.upsert('tag', { id: fixture.recommendId, name: RECOMMEND, folder: null, updatedAt: now });
  fixture.followId = cloud.store.nextId('tag');
  cloud.store.upsert('tag', { id: fixture.followId, name: FOLLOW, folder: null, updatedAt: now });
}

const editor = () => page.locator('.tag-rule-editor');
const input = (field: string) => editor().locator(`[name="groups.0.conditions.0.${field}"]`);

/** Fills the editor with one rule: act on `tagId` whenever a member has `whenTagId`. */
async function fillRule(name: string, tagId: number, action: 'add' | 'remove', whenTagId: number): Promise<void> {
  await page.getByRole('button', { name: '自動設定を追加' }).click();
  await editor().getByLabel('管理名').fill(name);
  await editor().getByLabel('対象のタグ').selectOption(String(tagId));
  await editor().getByLabel(action === 'add' ? '自動で追加' : '自動で解除').check();
  await input('kind').selectOption('triggerTag');
  await input('tagId').selectOption(String(whenTagId));
  await input('op').selectOption('has');
}

async function saveRule(name: string): Promise<void> {
  await editor().getByRole('button', { name: '保存する' }).click();
  await expect.poll(() => page.getByTestId('tag-rule-notice').textContent(), { timeout: 15_000 }).toBe(`「${name}」を保存しました。`);
  await editor().getByRole('button', { name: '閉じる' }).click();
}

/** Whether the middle of the element is on screen and not covered, so the clerk sees it without scrolling. */
const inView = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + Math.min(r.height / 2, 10);
    const onScreen = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    return onScreen && el.contains(document.elementFromPoint(x, y));
  });

/** The chain as the catalog words it. */
const chainInCatalog = (ruleNames: string[], tag: string) =>
  tagScreenJa.tagScreen.fight.chain
    .replace('{{rules}}', ruleNames.map((name) => tagScreenJa.tagScreen.fight.rule.replace('{{name}}', isolated(name))).join(' → '))
    .replace('{{tag}}', isolated(tag));

beforeAll(async () => {
  world = await startUiWorld({ members: 20, seedCloud: seedTags });
  page = await openShopPage(world, { screen: 'tags' });
  await page.locator('#tag-rules-title').waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('rules that fight through a chain, at 1366×768 in Japanese', () => {
  it('saves the two rules that only add, each feeding the other', async () => {
    await fillRule(ADD_RECOMMEND, fixture.recommendId, 'add', fixture.followId);
    await saveRule(ADD_RECOMMEND);
    await fillRule(ADD_FOLLOW, fixture.followId, 'add', fixture.recommendId);
    await saveRule(ADD_FOLLOW);
    expect(world.cloud.store.tagRules.size).toBe(2);
  });

  it('refuses the third, which undoes the first through the second, with the chain named in view in the preview and on save', async () => {
    await fillRule(DROP_RECOMMEND, fixture.recommendId, 'remove', fixture.followId);
    const chain = chainInCatalog([ADD_RECOMMEND, ADD_FOLLOW, DROP_RECOMMEND], RECOMMEND);
    // Each name isolated (U+2068 … U+2069), so a direction override in one cannot reorder the chain.
    const i = isolated;
    expect(chain).toBe(`「${i(ADD_RECOMMEND)}」 → 「${i(ADD_FOLLOW)}」 → 「${i(DROP_RECOMMEND)}」（タグ「${i(RECOMMEND)}」）`);

    await editor().getByRole('button', { name: 'プレビュー' }).click();
    const previewed = editor().getByTestId('tag-rule-preview-fights');
    await expect.poll(() => previewed.locator('li').allTextContents(), { timeout: 15_000 }).toEqual([chain]);
    await expect.poll(() => inView(previewed.locator('p.error'))).toBe(true);

    const mutations = world.cloud.store.mutations.length;
    await editor().getByRole('button', { name: '保存する' }).click();
    const refusal = editor().getByTestId('tag-rule-save-fights');
    await expect.poll(() => refusal.locator('li').allTextContents(), { timeout: 15_000 }).toEqual([chain]);
    expect(await refusal.locator('p.error').textContent()).toBe(tagScreenJa.tagScreen.fight.title);
    expect(await refusal.locator('p.help').textContent()).toBe(tagScreenJa.tagScreen.fight.why);
    await expect.poll(() => inView(refusal.locator('p.error'))).toBe(true);
    await expect.poll(() => inView(refusal.locator('li').first())).toBe(true);
    expect(await page.evaluate(screenProblems, { language: 'ja', keyRoots: Object.keys(catalogs.ja) })).toEqual([]);
    await writeScreenshot(page, 'tag-rule-fight-1366.png');

    expect(world.cloud.store.mutations.length).toBe(mutations);
    expect(world.cloud.store.tagRules.size).toBe(2);
  });
});
