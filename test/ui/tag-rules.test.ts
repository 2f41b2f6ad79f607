import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxControl } from '../../electron/core/sync/sync-test-support';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { screenshotDir, startUiWorld, type UiWorld, writeScreenshot } from './ui-world';
import { isolated } from '../../renderer/src/components/OutsideText';

/**
 * The タグ screen in Chromium against the headless shell, a core whose rule runner is running
 * and the cloud sandbox: a compound "match any" rule made through the editor, its preview checked
 * against the replica, saved and applied; the seed's fighting rules refused with the cycle named;
 * the tag list's counts and a tag's history per Japan day. Then bulk tagging on the members screen.
 */

let world: UiWorld;
let page: Page;

const COMPOUND = '化粧水の最近の購入者か休止中の定期';
const UNDO = 'UI自動タグなら外す';
const PRODUCT_CODE = 'SKN-002';
const DAY_MS = 86_400_000;

/** Tags no seeded member holds, so every change to them is this test's. */
const fixture = { ruleTagId: 0, bulkTagId: 0, lateTagId: 0 };

/** When the cloud set the late-evening tag: 23:30 on 11-23 in Taipei, 00:30 on 11-24 in Japan. */
const LATE_IN_TAIPEI = '2026-11-23T15:30:00.000Z';

function seedTags(cloud: CloudSandbox): void {
  const now = new Date().toISOString();
  fixture.ruleTagId = cloud.store.nextId('tag');
  cloud.store.upsert('tag', { id: fixture.ruleTagId, name: 'UI自動タグ', folder: 'UIテスト', updatedAt: now });
  fixture.bulkTagId = cloud.store.nextId('tag');
  cloud.store.upsert('tag', { id: fixture.bulkTagId, name: 'UI一括タグ', folder: 'UIテスト', updatedAt: now });
  fixture.lateTagId = cloud.store.nextId('tag');
  cloud.store.upsert('tag', { id: fixture.lateTagId, name: 'UI深夜タグ', folder: 'UIテスト', updatedAt: now });
  const memberId = [...cloud.store.members.keys()][0]!;
  cloud.store.upsert('member_tag', { memberId, tagId: fixture.lateTagId, source: 'cloud', sourceDetail: null, setAt: LATE_IN_TAIPEI });
}

const japanDay = (at: number) => new Date(at + 9 * 3_600_000).toISOString().slice(0, 10);
/** A day as the date inputs show and take it in every language: 2026/12/04. */
const typed = (day: string) => day.replaceAll('-', '/');
const today = () => japanDay(Date.now());
/** A purchase date 180 Japan days back: "after" it starts at the next Japan midnight. */
const since = japanDay(Date.now() - 180 * DAY_MS);
const sinceStart = new Date(Date.parse(`${since}T00:00:00+09:00`) + DAY_MS).toISOString();

const db = () => world.core.db;

/**
 * The members the compound rule matches, from the replica's own tables: (a purchase of the
 * product and some purchase after the date) or (subscriptions, every one of them paused).
 * Purchases are orders and child orders of any of the member's cart customers, cancelled ones aside.
 */
function compoundMatches(): number[] {
  return db()
    .prepare(
      `WITH purchases AS (
         SELECT c.member_id, o.id, o.ordered_at FROM orders o JOIN cart_customers c ON c.id = o.cart_customer_id WHERE o.status <> 'cancelled')
       SELECT member_id FROM purchases p JOIN order_items i ON i.order_id = p.id WHERE i.product_code = @code
       INTERSECT
       SELECT member_id FROM purchases WHERE ordered_at >= @since
       UNION
       SELECT c.member_id FROM subscriptions s JOIN cart_customers c ON c.id = s.cart_customer_id
       GROUP BY c.member_id HAVING count(*) = sum(s.status = 'paused')
       ORDER BY 1`,
    )
    .pluck()
    .all({ code: PRODUCT_CODE, since: sinceStart }) as number[];
}

const displayName = (id: number) => db().prepare('SELECT display_name FROM members WHERE id = ?').pluck().get(id) as string;
const holders = (tagId: number) => db().prepare('SELECT member_id FROM member_tags WHERE tag_id = ? ORDER BY 1').pluck().all(tagId) as number[];
const tagIdNamed = (name: string) => db().prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number;

const editor = () => page.locator('.tag-rule-editor');
const condition = (group: number, index: number) => editor().locator(`li.tag-condition[data-group="${group}"][data-index="${index}"]`);
/** A condition's input by its form field (a label around a select also names the select's options). */
const input = (group: number, index: number, field: string) => condition(group, index).locator(`[name="groups.${group}.conditions.${index}.${field}"]`);
const group = (g: number) => editor().locator(`fieldset.tag-group[data-group="${g}"]`);
const preview = () => editor().getByTestId('tag-rule-preview');
const ruleRows = () => page.locator('.tag-rule-table tbody tr');
const numberIn = async (locator: Locator) => Number((await locator.textContent())!.replace(/[^\d]/g, ''));

async function cloudMutations(kind: string) {
  const { mutations } = await sandboxControl(world.cloud).inspect();
  return mutations.log.filter((m) => m.kind === kind);
}

/** A tag's changes per day `hours` ahead of UTC (Tokyo 9) and per source, from the replica's history rows, as the history table's cells. */
function replicaDays(tagId: number, from: string, to: string, hours: number): Array<{ day: string; cells: number[] }> {
  const rows = db()
    .prepare(
      `SELECT date(at / 1000, 'unixepoch', ?) AS day, action, source, count(*) AS n FROM member_tag_history
       WHERE tag_id = ? AND day BETWEEN ? AND ? GROUP BY 1, 2, 3`,
    )
    .all(`+${hours} hours`, tagId, from, to) as Array<{ day: string; action: 'add' | 'remove'; source: string; n: number }>;
  const byDay = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? {};
    const side = r.action === 'add' ? 'added' : 'removed';
    day[`${side}:${r.source}`] = (day[`${side}:${r.source}`] ?? 0) + r.n;
    day[`${side}:total`] = (day[`${side}:total`] ?? 0) + r.n;
    byDay.set(r.day, day);
  }
  return [...byDay.keys()].sort().map((day) => {
    const counts = byDay.get(day)!;
    return { day, cells: (['added', 'removed'] as const).flatMap((side) => ['rule', 'manual', 'robot', 'cloud', 'total'].map((src) => counts[`${side}:${src}`] ?? 0)) };
  });
}

const shownDays = () =>
  page.locator('.tag-history-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ day: tr.getAttribute('data-day'), cells: [...tr.querySelectorAll('td.count')].map((td) => Number(td.textContent!.replace(/,/g, ''))) })),
  );

async function showView(view: 'rules' | 'tags') {
  await page.click(`.tag-views button[data-view=${view}]`);
  await page.locator(view === 'rules' ? '#tag-rules-title' : '#tag-list-title').waitFor();
}

beforeAll(async () => {
  world = await startUiWorld({ members: 400, seedCloud: seedTags });
  world.core.tagRules.start();
  page = await world.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
  await page.click('nav.screens button[data-screen=tags]');
  await page.locator('#tag-rules-title').waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('tag auto-setting rules', () => {
  let expected: number[] = [];

  it('starts with no rules', async () => {
    expect(await page.locator('#tag-rules-title').textContent()).toBe('タグの自動設定');
    await expect.poll(() => page.getByText('タグの自動設定はまだありません。').isVisible()).toBe(true);
  });

  it('builds a compound "match any" rule with the editor, warning about "contains" for subscription status', async () => {
    await page.getByRole('button', { name: '自動設定を追加' }).click();
    await editor().getByLabel('管理名').fill(COMPOUND);
    await editor().getByLabel('対象のタグ').selectOption(String(fixture.ruleTagId));
    await editor().getByLabel('いずれかを満たした場合').check();

    // Group 1: bought the product, and bought anything after the date.
    await input(0, 0, 'by').selectOption('code');
    await input(0, 0, 'op').selectOption('equals');
    await input(0, 0, 'text').fill(PRODUCT_CODE);
    await group(0).getByRole('button', { name: '+ 条件を追加' }).click();
    await input(0, 1, 'kind').selectOption('purchaseDate');
    await input(0, 1, 'op').selectOption('after');
    await input(0, 1, 'date').fill(typed(since));
    await input(0, 1, 'date').press('Enter');
    expect(await input(0, 1, 'date').inputValue()).toBe(typed(since));
    expect(await condition(0, 1).locator('label:has([name$=".date"]) > span:first-child').textContent()).toBe('購入日（日本時間）');

    // Group 2: every subscription paused.
    await editor().getByRole('button', { name: '+ 条件グループを追加' }).click();
    await input(1, 0, 'kind').selectOption('subscriptionStatus');
    await input(1, 0, 'status').selectOption('paused');
    await input(1, 0, 'op').selectOption('contains');
    expect(await condition(1, 0).getByTestId('status-contains-warning').textContent()).toContain('「のみ」を選ぶことをおすすめします');
    await input(1, 0, 'op').selectOption('only');
    expect(await condition(1, 0).getByTestId('status-contains-warning').count()).toBe(0);

    // Each group takes at most five conditions (seed 002 新機能#69).
    for (let i = 1; i < 5; i += 1) await group(1).getByRole('button', { name: '+ 条件を追加' }).click();
    expect(await group(1).getByRole('button', { name: '+ 条件を追加' }).isDisabled()).toBe(true);
    for (let i = 4; i >= 1; i -= 1) await condition(1, i).getByRole('button', { name: '条件を削除' }).click();
    expect(await group(1).locator('li.tag-condition').count()).toBe(1);
  });

  it('previews how many members the rule would tag, with the first of them by name, as the replica has them', async () => {
    expected = compoundMatches();
    expect(expected.length).toBeGreaterThan(0);
    expect(holders(fixture.ruleTagId)).toEqual([]);

    await editor().getByRole('button', { name: 'プレビュー' }).click();
    await preview().waitFor();
    expect(await numberIn(preview().locator('dd[data-count=add]'))).toBe(expected.length);
    expect(await numberIn(preview().locator('dd[data-count=remove]'))).toBe(0);
    expect(await numberIn(preview().locator('dd[data-count=matched]'))).toBe(expected.length);
    expect(await preview().locator('.tag-preview-sample[data-side=add] li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-id'))))).toEqual(
      expected.slice(0, 20),
    );
    expect(await preview().locator('.tag-preview-sample[data-side=add] li').allTextContents()).toEqual(expected.slice(0, 20).map((id) => `ID ${id} ${displayName(id)}`));
    // Each member links to their own page, and the members past the first 20 are counted.
    expect(await preview().locator('.tag-preview-sample[data-side=add] li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')?.split('&')[0]))).toEqual(
      expected.slice(0, 20).map((id) => `#member=${id}`),
    );
    if (expected.length > 20) expect(await preview().getByTestId('tag-preview-rest-add').textContent()).toBe(`ほか ${expected.length - 20} 名`);
    else expect(await preview().getByTestId('tag-preview-rest-add').count()).toBe(0);
    expect(await preview().getByTestId('tag-rule-preview-fights').count()).toBe(0);
    // Nothing was written by the preview.
    expect(holders(fixture.ruleTagId)).toEqual([]);
    await writeScreenshot(page, 'tag-rule-editor.png', { fullPage: true });
  });

  it('drops the preview when the rule changes, since it no longer describes it', async () => {
    await editor().getByLabel('管理名').fill(`${COMPOUND} `);
    await expect.poll(() => preview().count()).toBe(0);
    await editor().getByLabel('管理名').fill(COMPOUND);
  });

  it('saves the rule in the cloud; the rule runner tags exactly the previewed members, and sync sends each add once', async () => {
    const addsBefore = (await cloudMutations('memberTag.add')).length;
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByTestId('tag-rule-notice').textContent(), { timeout: 15_000 }).toBe(`「${COMPOUND}」を保存しました。`);
    const cloudRules = [...world.cloud.store.tagRules.values()];
    expect(cloudRules).toEqual([
      expect.objectContaining({
        name: COMPOUND,
        tagId: fixture.ruleTagId,
        action: 'add',
        match: 'any',
        enabled: true,
        groups: [
          [
            { kind: 'product', by: 'code', op: 'equals', value: PRODUCT_CODE },
            { kind: 'purchaseDate', op: 'after', date: since },
          ],
          [{ kind: 'subscriptionStatus', match: 'only', status: 'paused' }],
        ],
      }),
    ]);
    await expect.poll(() => ruleRows().locator('td.name').allTextContents()).toEqual([COMPOUND]);
    expect(await ruleRows().first().locator('td.action').textContent()).toBe('自動で追加');
    expect(await ruleRows().first().locator('td.match').textContent()).toBe('いずれかを満たす（2 グループ）');

    // The editor reopens on the saved rule, so its evaluation is watched from the tag list.
    await showView('tags');
    const row = page.locator(`.tag-table tr[data-id="${fixture.ruleTagId}"]`);
    await expect.poll(() => numberIn(row.locator('[data-count=members]')), { timeout: 15_000 }).toBe(expected.length);
    expect(holders(fixture.ruleTagId)).toEqual(expected);
    expect(db().prepare("SELECT count(*) FROM member_tags WHERE tag_id = ? AND source = 'rule'").pluck().get(fixture.ruleTagId)).toBe(expected.length);

    await world.core.sync.now();
    const adds = (await cloudMutations('memberTag.add')).slice(addsBefore);
    expect(adds).toHaveLength(expected.length);
    expect(adds.every((m) => m.status === 'applied')).toBe(true);
    expect(new Set(adds.map((m) => m.opId)).size).toBe(expected.length);
    const inCloud = [...world.cloud.store.memberTags.values()].filter((t) => t.tagId === fixture.ruleTagId);
    expect(inCloud.map((t) => t.memberId).sort((a, b) => a - b)).toEqual(expected);
    expect(inCloud.every((t) => t.source === 'rule')).toBe(true);
    await world.core.sync.now();
    expect(await cloudMutations('memberTag.add')).toHaveLength(addsBefore + expected.length);
  });

  it("refuses the seed's fighting rule with the cycle named, in the preview and on save", async () => {
    await showView('rules');
    await page.getByRole('button', { name: '自動設定を追加' }).click();
    await editor().getByLabel('管理名').fill(UNDO);
    await editor().getByLabel('対象のタグ').selectOption(String(fixture.ruleTagId));
    await editor().getByLabel('自動で解除').check();
    await input(0, 0, 'kind').selectOption('triggerTag');
    await input(0, 0, 'tagId').selectOption(String(fixture.ruleTagId));
    await input(0, 0, 'op').selectOption('has');

    const cycle = `「${isolated(COMPOUND)}」 → 「${isolated(UNDO)}」（タグ「${isolated('UI自動タグ')}」）`;
    await editor().getByRole('button', { name: 'プレビュー' }).click();
    await expect.poll(() => preview().getByTestId('tag-rule-preview-fights').locator('li').allTextContents()).toEqual([cycle]);

    const before = world.cloud.store.mutations.length;
    await editor().getByRole('button', { name: '保存する' }).click();
    const refusal = editor().getByTestId('tag-rule-save-fights');
    await expect.poll(() => refusal.locator('li').allTextContents(), { timeout: 15_000 }).toEqual([cycle]);
    expect(await refusal.locator('p.error').textContent()).toBe('タグの自動設定が互いに打ち消し合うため保存できません。');
    expect(world.cloud.store.mutations.length).toBe(before);
    expect(world.cloud.store.tagRules.size).toBe(1);

    // The same words in English while the refusal is on screen.
    await page.selectOption('.language select', 'en');
    await expect.poll(() => refusal.locator('li').allTextContents()).toEqual([`“${isolated(COMPOUND)}” → “${isolated(UNDO)}” (tag “${isolated('UI自動タグ')}”)`]);
    await page.selectOption('.language select', 'ja');
    await expect.poll(() => refusal.locator('p.error').textContent()).toBe('タグの自動設定が互いに打ち消し合うため保存できません。');
  });

  it('saves the same rule disabled, since a rule that never runs fights nothing, and lists both in creation order', async () => {
    await editor().getByLabel('この自動設定を有効にする').uncheck();
    await editor().getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByTestId('tag-rule-notice').textContent(), { timeout: 15_000 }).toBe(`「${UNDO}」を保存しました。`);
    await expect.poll(() => ruleRows().locator('td.name').allTextContents()).toEqual([COMPOUND, UNDO]);
    expect(await ruleRows().locator('td.enabled').allTextContents()).toEqual(['有効', '停止中']);
    expect(await ruleRows().locator('td.order').allTextContents()).toEqual(['1', '2']);
    await editor().getByRole('button', { name: '閉じる' }).click();
    await writeScreenshot(page, 'tag-rules.png', { fullPage: true });
  });

  it('asks before an unsaved edit is left, and stays when staff say no', async () => {
    await ruleRows().nth(1).getByRole('button', { name: '編集' }).click();
    await expect.poll(() => editor().getByLabel('管理名').inputValue()).toBe(UNDO);
    await editor().getByLabel('管理名').fill(`${UNDO}（変更中）`);
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await page.click('nav.screens button[data-screen=members]');
    expect(await asked).toBe('保存していないタグの自動設定の変更があります。破棄してよろしいですか？');
    expect(await page.locator('main').getAttribute('data-screen')).toBe('tags');
    expect(await editor().getByLabel('管理名').inputValue()).toBe(`${UNDO}（変更中）`);

    page.once('dialog', (dialog) => void dialog.accept());
    await editor().getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => editor().count()).toBe(0);
  });

  it('deletes a rule after a confirmation naming it', async () => {
    await ruleRows().nth(1).getByRole('button', { name: '削除' }).click();
    expect(await page.locator('#tag-rule-confirm-text').textContent()).toContain(`「${UNDO}」を削除しますか？`);
    await page.getByRole('button', { name: '削除する' }).click();
    await expect.poll(() => page.getByTestId('tag-rule-notice').textContent(), { timeout: 15_000 }).toBe(`「${UNDO}」を削除しました。`);
    await expect.poll(() => ruleRows().locator('td.name').allTextContents()).toEqual([COMPOUND]);
    expect([...world.cloud.store.tagRules.values()].map((r) => r.name)).toEqual([COMPOUND]);
  });

  describe('tag list', () => {
    it('shows every tag with its member count and the rules using it, as the replica has them', async () => {
      await showView('tags');
      const replica = db()
        .prepare('SELECT t.id, (SELECT count(*) FROM member_tags m WHERE m.tag_id = t.id) AS members, (SELECT count(*) FROM tag_rules r WHERE r.tag_id = t.id) AS rules FROM tags t')
        .all() as Array<{ id: number; members: number; rules: number }>;
      const shown = () =>
        page.locator('.tag-table tbody tr').evaluateAll((rows) =>
          rows
            .map((r) => ({
              id: Number(r.getAttribute('data-id')),
              members: Number(r.querySelector('[data-count=members]')!.textContent!.replace(/,/g, '')),
              rules: Number(r.querySelector('[data-count=rules]')!.textContent!.replace(/,/g, '')),
            }))
            .sort((a, b) => a.id - b.id),
        );
      // The list cached before the delete shows until its refetch lands.
      await expect.poll(shown).toEqual(replica.sort((a, b) => a.id - b.id));
      expect((await shown()).find((t) => t.id === fixture.ruleTagId)).toEqual({ id: fixture.ruleTagId, members: expected.length, rules: 1 });
    });

    it("shows today's rule adds for the rule's tag", async () => {
      await page.locator(`.tag-table tr[data-id="${fixture.ruleTagId}"] .tag-open`).click();
      const todayRow = page.locator(`.tag-history-table tbody tr[data-day="${today()}"]`);
      await expect.poll(() => todayRow.count()).toBe(1);
      expect(await numberIn(todayRow.locator('td[data-side=added][data-source=rule]'))).toBe(expected.length);
      expect(await numberIn(todayRow.locator('td[data-side=added][data-source=total]'))).toBe(expected.length);
      expect(await numberIn(todayRow.locator('td[data-side=removed][data-source=total]'))).toBe(0);
    });

    it('counts a seeded tag per Japan day and source over a chosen period, as the replica has them', async () => {
      const vip = tagIdNamed('VIP');
      // The seeded shop's history ends at its own date, not today: the period ends with it.
      const to = db().prepare("SELECT max(date(at / 1000, 'unixepoch', '+9 hours')) FROM member_tag_history WHERE tag_id = ? AND source <> 'rule'").pluck().get(vip) as string;
      const from = japanDay(Date.parse(`${to}T00:00:00Z`) - 200 * DAY_MS);
      await page.locator(`.tag-table tr[data-id="${vip}"] .tag-open`).click();
      await expect.poll(() => page.locator('.tag-history').getAttribute('data-tag-id')).toBe(String(vip));
      // The period opens on the last 30 days to today, in the yyyy/mm/dd form of every date input.
      await expect.poll(() => page.locator('input[name=history-to]').inputValue()).toBe(typed(today()));
      expect(await page.locator('input[name=history-from]').getAttribute('placeholder')).toBe('年/月/日');
      await page.fill('input[name=history-from]', typed(from));
      await page.press('input[name=history-from]', 'Enter');
      await page.fill('input[name=history-to]', typed(to));
      await page.press('input[name=history-to]', 'Enter');

      const expectedDays = replicaDays(vip, from, to, 9);
      expect(expectedDays.length).toBeGreaterThan(3);
      await expect.poll(shownDays).toEqual(expectedDays);
      expect(await page.locator('.tag-history-table thead th').first().textContent()).toBe('日付 日本時間');
      await writeScreenshot(page, 'tags.png', { fullPage: true });
    });

    it('counts per Taipei day once the shop is in Taipei, the zone named', async () => {
      const openLateTag = async () => {
        await showView('tags');
        await page.locator(`.tag-table tr[data-id="${fixture.lateTagId}"] .tag-open`).click();
        await page.fill('input[name=history-from]', '2026/11/23');
        await page.press('input[name=history-from]', 'Enter');
        await page.fill('input[name=history-to]', '2026/11/24');
        await page.press('input[name=history-to]', 'Enter');
      };
      const days = () => page.locator('.tag-history-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-day')));
      await openLateTag();
      await expect.poll(days).toEqual(['2026-11-24']);
      await page.locator('.topbar select[name=timeZone]').selectOption('Asia/Taipei');
      await page.locator('main.screen[data-time-zone="Asia/Taipei"]').waitFor();
      await openLateTag();
      await expect.poll(days).toEqual(['2026-11-23']);
      expect(await page.locator('.tag-history-table thead th').first().textContent()).toBe('日付 台湾時間');
      expect(await page.locator('.tag-history > .help').textContent()).toContain('台湾時間の日ごと');
      await writeScreenshot(page, 'tag-history-taipei.png', { fullPage: true });
      await page.locator('.topbar select[name=timeZone]').selectOption('Asia/Tokyo');
      await page.locator('main.screen[data-time-zone="Asia/Tokyo"]').waitFor();
      await openLateTag();
      await expect.poll(days).toEqual(['2026-11-24']);
    });

    it('refuses a period the core would refuse, saying why', async () => {
      const to = (await page.locator('input[name=history-to]').inputValue()).replaceAll('/', '-');
      await page.fill('input[name=history-from]', typed(japanDay(Date.parse(`${to}T00:00:00Z`) - 366 * DAY_MS)));
      await page.press('input[name=history-from]', 'Enter');
      await expect.poll(() => page.getByTestId('tag-history-period-error').textContent()).toBe('期間は 366 日までにしてください。');
      expect(await page.locator('.tag-history-table').count()).toBe(0);
    });
  });
});

describe('bulk tagging on the members screen', () => {
  const vipHolders = () => holders(tagIdNamed('VIP'));
  const confirm = () => page.getByTestId('member-bulk-confirm');

  it('counts the members of a search with a dry run, queuing nothing', async () => {
    await page.click('nav.screens button[data-screen=members]');
    await page.locator('#members-title').waitFor();
    await page.selectOption('select[name=member-tag]', String(tagIdNamed('VIP')));
    await page.locator('.member-tag-filter-add button').click();
    await expect.poll(() => numberIn(page.getByTestId('member-total'))).toBe(vipHolders().length);

    await page.selectOption('select[name=bulk-tag]', String(fixture.bulkTagId));
    await page.fill('input[name=bulk-staff]', 'UI一括担当');
    const pending = () => db().prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number;
    const queued = pending();
    await page.getByRole('button', { name: '対象の人数を確認' }).click();
    await confirm().waitFor();
    const text = confirm().locator('#member-bulk-confirm-text');
    expect(Number(await text.getAttribute('data-changed'))).toBe(vipHolders().length);
    expect(await text.textContent()).toBe(`検索に該当する ${vipHolders().length} 名のうち ${vipHolders().length} 名にタグ「\u2068UI一括タグ\u2069」を追加します（0 名はすでに付いています）。`);
    expect(pending()).toBe(queued);
    await writeScreenshot(page, 'members-bulk-tag.png', { fullPage: true });
  });

  it('asks again when the search changes after the dry run', async () => {
    await page.fill('input[name=member-query]', 'no-such-member@nowhere.example');
    await expect.poll(() => confirm().count()).toBe(0);
    await page.fill('input[name=member-query]', '');
    await expect.poll(() => numberIn(page.getByTestId('member-total'))).toBe(vipHolders().length);
    await page.getByRole('button', { name: '対象の人数を確認' }).click();
    await confirm().waitFor();
  });

  it('queues the add for each member on confirmation; the cloud receives each once, as the staff member', async () => {
    const members = vipHolders();
    const addsBefore = (await cloudMutations('memberTag.add')).length;
    await confirm().getByRole('button', { name: `${members.length} 名に追加する` }).click();
    const done = page.getByTestId('member-bulk-done');
    await expect.poll(() => done.getAttribute('data-changed')).toBe(String(members.length));
    expect(await done.textContent()).toBe(`${members.length} 名にタグ「\u2068UI一括タグ\u2069」の追加を登録しました。クラウドに送信されると確定します。`);

    await world.core.sync.now();
    const adds = (await cloudMutations('memberTag.add')).slice(addsBefore);
    expect(adds).toHaveLength(members.length);
    expect(adds.every((m) => m.status === 'applied')).toBe(true);
    const inCloud = [...world.cloud.store.memberTags.values()].filter((t) => t.tagId === fixture.bulkTagId);
    expect(inCloud.map((t) => t.memberId).sort((a, b) => a - b)).toEqual(members);
    expect(inCloud.every((t) => t.source === 'manual' && t.sourceDetail === 'UI一括担当')).toBe(true);

    // Asking again finds nothing left to change, and a second sync sends nothing.
    await page.getByRole('button', { name: '対象の人数を確認' }).click();
    await expect.poll(() => confirm().locator('#member-bulk-confirm-text').getAttribute('data-changed')).toBe('0');
    expect(await confirm().getByRole('button', { name: '0 名に追加する' }).isDisabled()).toBe(true);
    await world.core.sync.now();
    expect(await cloudMutations('memberTag.add')).toHaveLength(addsBefore + members.length);
  });
});

describe('a member in a rule preview', () => {
  it("opens the member's page from the preview, once staff agree to leave the unsaved rule", async () => {
    await page.click('nav.screens button[data-screen=tags]');
    await page.locator('#tag-rules-title').waitFor();
    await page.getByRole('button', { name: '自動設定を追加' }).click();
    await editor().getByLabel('管理名').fill('UIプレビューから会員へ');
    await editor().getByLabel('対象のタグ').selectOption(String(fixture.ruleTagId));
    await input(0, 0, 'by').selectOption('code');
    await input(0, 0, 'op').selectOption('equals');
    await input(0, 0, 'text').fill(PRODUCT_CODE);
    await editor().getByRole('button', { name: 'プレビュー' }).click();
    await preview().waitFor();
    const first = preview().locator('.tag-preview-sample li').first();
    const id = Number(await first.getAttribute('data-id'));
    expect(id).toBeGreaterThan(0);
    expect(await first.locator('a').getAttribute('aria-label')).toBe(`会員ID ${id}（${displayName(id)}）の会員ページを開く`);

    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      });
    });
    await first.locator('a').click();
    expect(await asked).not.toBe('');
    await expect.poll(() => page.locator('main.screen').getAttribute('data-screen')).toBe('members');
    await expect.poll(() => page.locator('.member-page').getAttribute('data-id')).toBe(String(id));
    await expect.poll(() => page.locator('.member-page h2').textContent()).toBe(displayName(id));
    // The address is taken back, so the same link can be followed again later.
    expect(await page.evaluate(() => window.location.hash)).toBe('');
  });
});
