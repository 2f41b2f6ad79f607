import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionsRecorded } from './completion-cloud';
import { addNeedsManualRequests, startCompletionWorld, UNKNOWN_PRODUCT_CODE, type CompletionWorld } from './completion-world';
import { screenshotDir } from './ui-world';

/**
 * A clerk's day on the LOC dashboard as users of ECAI and Omnichat expect it: who is at work
 * picked once, the open 手動対応 counted on the navigation, a desktop notification when a
 * request newly needs a person, the keyboard alone from one request to the next, the member
 * page one click away. Chromium against the headless shell, the cloud sandbox as the judge.
 */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

let world: CompletionWorld;
let context: BrowserContext;
let page: Page;
const cloud = () => world.sandboxes.cloud;
const db = () => world.core.db;

const detail = () => page.locator('.loc-detail');
const detailTitle = () => detail().locator('h2').textContent();
const navCount = async () => {
  const badge = page.getByTestId('needs-person-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
};
const focusedRowId = () => page.evaluate(() => Number(document.activeElement?.closest('.loc-row[data-id]')?.getAttribute('data-id') ?? 0));
/** The dashboard's rows in the order the list shows them. */
const listedIds = () => page.locator('.loc-row[data-id]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))));
const needsManualInReplica = () => db().prepare(`SELECT count(*) FROM loc_requests WHERE status = 'needs_manual'`).pluck().get() as number;
/** What the page's real Notification API was asked to show, recorded by a wrapper around it. */
const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications);

async function screen(name: 'dashboard' | 'members' | 'staff'): Promise<void> {
  await page.click(`nav.screens button[data-screen=${name}]`);
  await poll(() => page.locator(`main[data-screen=${name}] h2`).count()).toBeGreaterThan(0);
}

async function inLanguage(language: 'ja' | 'en' | 'zh-TW'): Promise<void> {
  await page.selectOption('.language select', language);
  await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function fitsTheScreen(what: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${what}: no horizontal scroll`).toBe(true);
}

beforeAll(async () => {
  world = await startCompletionWorld({ openRequests: 6 });
  context = await world.browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    permissions: ['notifications'],
  });
  // The browser's own Notification, wrapped only to count what the page showed with it.
  await context.addInitScript(() => {
    const Real = window.Notification;
    const record: Array<{ title: string; body: string }> = [];
    (window as unknown as { shownNotifications: typeof record }).shownNotifications = record;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        record.push({ title, body: options?.body ?? '' });
      }
    }
    window.Notification = Recorded;
  });
  page = await context.newPage();
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await world?.close();
});

describe('the clerk at work', () => {
  it('keeps a staff list: adds names, takes one off, and the one picked at work is remembered on this PC', async () => {
    await screen('staff');
    const add = async (name: string) => {
      await page.fill('input[name=staffName]', name);
      await page.getByRole('button', { name: '追加する' }).click();
      await poll(() => page.locator('.staff-screen [role=status]').textContent()).toContain(`「${name.trim()}」を追加しました。`);
    };
    await add('佐藤 美咲');
    await add('陳 怡君');
    await add('Tanaka');
    await add('佐藤 美咲');
    await poll(() => page.locator('.staff-list li').allTextContents()).toHaveLength(3);

    await page.getByRole('button', { name: '「Tanaka」を削除' }).click();
    await poll(() => page.locator('.staff-list .staff-name').allTextContents()).toEqual(['佐藤 美咲', '陳 怡君']);
    expect(db().prepare('SELECT name FROM staff_members ORDER BY id').pluck().all()).toEqual(['佐藤 美咲', '陳 怡君']);

    // Picked once in the top bar; the top bar offers only the list (and nobody).
    const atWork = page.locator('.topbar select[name=currentStaff]');
    expect(await atWork.locator('option').allTextContents()).toEqual(['（未選択）', '佐藤 美咲', '陳 怡君']);
    await atWork.selectOption('佐藤 美咲');
    await poll(() => page.locator('select[name=staffAtWork]').inputValue()).toBe('佐藤 美咲');
    await poll(() => page.locator('.staff-list li', { hasText: '佐藤 美咲' }).locator('.badge').textContent()).toBe('作業中');
    await page.screenshot({ path: path.join(screenshotDir, 'staff.png') });

    const titles = { en: ['Staff', 'Alerts', 'Staff at work'], 'zh-TW': ['人員', '通知', '值班人員'] } as const;
    for (const language of ['en', 'zh-TW'] as const) {
      await inLanguage(language);
      const [title, alerts, atWorkLabel] = titles[language];
      await poll(() => page.locator('#staff-title').textContent()).toBe(title);
      expect(await page.locator('#alert-settings-title').textContent()).toBe(alerts);
      expect(await page.locator('.topbar .current-staff > span').textContent()).toBe(atWorkLabel);
      // What was just done reads in the language chosen after it.
      expect(await page.locator('.staff-screen [role=status]').textContent()).not.toContain('削除しました');
      await fitsTheScreen(`staff screen in ${language}`);
      await page.screenshot({ path: path.join(screenshotDir, `staff-${language}.png`) });
    }
    await inLanguage('ja');

    await page.reload();
    await poll(() => page.locator('.topbar select[name=currentStaff]').inputValue()).toBe('佐藤 美咲');
  });

  it('counts open 手動対応 on the dashboard tab, shows a name from the list in the completion form, and the tag condition offers the list', async () => {
    await screen('dashboard');
    const open = world.openIds.length + 1;
    expect(needsManualInReplica()).toBe(open);
    await poll(navCount).toBe(open);
    await poll(() => page.locator('.loc-row[data-id]').count()).toBe(open);
    await page.locator(`.loc-row[data-id="${world.openIds[0]}"]`).click();
    await poll(() => detail().locator('input[name=staff]').inputValue()).toBe('佐藤 美咲');
    expect(await detail().locator('datalist option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value))).toEqual(['佐藤 美咲', '陳 怡君']);
    await detail().getByRole('button', { name: '閉じる' }).click();

    await page.click('nav.screens button[data-screen=tags]');
    await page.getByRole('button', { name: '自動設定を追加' }).click();
    const condition = page.locator('.tag-condition').first();
    await condition.locator('select[name$=".kind"]').selectOption('operator');
    await condition.locator('select[name$=".op"]').selectOption('named');
    const offered = condition.locator('datalist option');
    await poll(() => offered.evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value))).toEqual(['佐藤 美咲', '陳 怡君']);
    // A name not on the list can still be typed.
    await condition.locator('input[name$=".text"]').fill('応援 スタッフ');
    expect(await condition.locator('input[name$=".text"]').inputValue()).toBe('応援 スタッフ');
    // The rule is left unsaved: the screen asks before throwing it away.
    page.once('dialog', (dialog) => void dialog.accept());
    await screen('dashboard');
  });

  it('works the clerk’s path with the keyboard alone: to a request, a status, the confirmation, and on to the next', async () => {
    await screen('dashboard');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const before = await navCount();
    const order = await listedIds();
    expect(order).toHaveLength(world.openIds.length + 1);

    // j from nowhere lands on the first row, j again on the second, k back, ↓ forward.
    await page.keyboard.press('j');
    await poll(focusedRowId).toBe(order[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await poll(focusedRowId).toBe(order[0]);
    await page.keyboard.press('ArrowDown');
    await poll(focusedRowId).toBe(order[1]);
    const target = order[1]!;
    await page.keyboard.press('Enter');
    await poll(detailTitle).toBe(`LOC申請 #${target}`);

    // ? shows the keys; Esc closes it and the focus is back on the row.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'キーボード操作' });
    await poll(() => help.isVisible()).toBe(true);
    expect(await help.textContent()).toContain('完了フォームへ移動');
    await page.screenshot({ path: path.join(screenshotDir, 'shortcuts.png') });
    await page.keyboard.press('Escape');
    await poll(() => help.count()).toBe(0);
    await poll(focusedRowId).toBe(target);

    // Into the form: 3 picks 受付断念 (the third status), typing in the note fires nothing.
    await page.keyboard.press('c');
    const form = detail().locator('.completion-form');
    await poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.keyboard.press('3');
    await poll(() => form.getByLabel('受付断念', { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note');
    await page.keyboard.type('jk1s? n 電話で確認済み');
    expect(await form.locator('textarea[name=note]').inputValue()).toBe('jk1s? n 電話で確認済み');
    expect(await form.getByLabel('受付断念', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole('alertdialog').count()).toBe(0);
    expect(await help.count()).toBe(0);
    expect(await detailTitle()).toBe(`LOC申請 #${target}`);

    // Back out of the field, s opens the confirmation with its button focused, Enter completes.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('s');
    const confirm = form.getByRole('alertdialog');
    await poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.textContent()).toContain(`LOC申請 #${target} を「受付断念」で完了にします。`);
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('確定する');
    await page.keyboard.press('Enter');

    // The next request waiting for a person, below it in the list, opens at once.
    const next = order[2]!;
    await poll(detailTitle).toBe(`LOC申請 #${next}`);
    const notice = page.getByTestId('next-request-notice');
    expect(await notice.textContent()).toContain(`LOC申請 #${target} を「受付断念」で完了にしました。次の申請 #${next} を開いています。`);
    await poll(navCount).toBe(before - 1);
    await poll(() => page.locator(`.loc-row[data-id="${target}"]`).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'next-request.png') });

    // Recorded as the staff picked at work, with the note, once at the cloud.
    const journaled = db()
      .prepare(`SELECT actor, actor_detail AS who FROM loc_transitions WHERE loc_request_id = ? AND event = 'complete_by_staff'`)
      .all(target);
    expect(journaled).toEqual([{ actor: 'staff', who: '佐藤 美咲' }]);
    await world.core.sync.now();
    const recorded = completionsRecorded(cloud(), target);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ completionStatus: '受付断念', note: 'jk1s? n 電話で確認済み' });

    // n goes on to the one after without completing; the notice's link goes back.
    await page.keyboard.press('n');
    await poll(detailTitle).toBe(`LOC申請 #${order[3]}`);
    await notice.getByRole('button', { name: `#${target} に戻る` }).click();
    await poll(detailTitle).toBe(`LOC申請 #${target}`);
    await poll(() => detail().getByTestId('completion-status').textContent()).toBe('受付断念');
  });

  it('offers the staff list for who reopens a finished request, and still takes a name not on it', async () => {
    await page.click('nav.screens button[data-screen=completed]');
    const row = page.locator('.completed-table tr[data-id]').first();
    await poll(() => row.count()).toBe(1);
    const id = await row.getAttribute('data-id');
    await row.click();
    await poll(detailTitle).toBe(`LOC申請 #${id}`);
    const reopen = detail().locator('.reopen-form');
    const staff = reopen.locator('input[name=staff]');
    expect(await staff.inputValue()).toBe('佐藤 美咲');
    const offered = page.locator(`datalist[id="${await staff.getAttribute('list')}"] option`);
    await poll(() => offered.evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value))).toEqual(['佐藤 美咲', '陳 怡君']);
    await staff.fill('応援 スタッフ');
    expect(await staff.inputValue()).toBe('応援 スタッフ');
    await staff.fill('佐藤 美咲');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screen('dashboard');
  });

  it('shows the keyboard help in English and Traditional Chinese within 1366×768, and the screens at 1920×1080', async () => {
    for (const language of ['en', 'zh-TW'] as const) {
      await inLanguage(language);
      await page.keyboard.press('?');
      await poll(() => page.locator('.shortcut-help').isVisible()).toBe(true);
      const box = (await page.locator('.shortcut-help').boundingBox())!;
      expect(box.y + box.height, language).toBeLessThanOrEqual(768);
      await fitsTheScreen(`dashboard in ${language}`);
      await page.screenshot({ path: path.join(screenshotDir, `shortcuts-${language}.png`) });
      await page.keyboard.press('Escape');
    }
    await inLanguage('ja');
    // The same screens on a large monitor: nothing stretched out of view, the tab count in place.
    await page.setViewportSize({ width: 1920, height: 1080 });
    try {
      await page.keyboard.press('?');
      await poll(() => page.locator('.shortcut-help').isVisible()).toBe(true);
      await fitsTheScreen('dashboard at 1920×1080');
      await page.keyboard.press('Escape');
      await screen('staff');
      await fitsTheScreen('staff screen at 1920×1080');
      const badge = (await page.getByTestId('needs-person-count').boundingBox())!;
      const tab = (await page.locator('nav.screens button[data-screen=dashboard]').boundingBox())!;
      expect(badge.x + badge.width).toBeLessThanOrEqual(tab.x + tab.width);
      await page.screenshot({ path: path.join(screenshotDir, 'staff-1920.png') });
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('opens the member page from the request', async () => {
    await screen('dashboard');
    const id = world.openIds[4]!;
    const memberId = db().prepare('SELECT member_id FROM loc_requests WHERE id = ?').pluck().get(id) as number;
    const name = db().prepare('SELECT display_name FROM members WHERE id = ?').pluck().get(memberId) as string;
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    await poll(detailTitle).toBe(`LOC申請 #${id}`);
    const link = detail().getByRole('link', { name: '会員ページを開く' });
    // A real link, so it can be copied or opened as one: the member page's own address (and the tab's token, for a new tab).
    expect(await link.getAttribute('href')).toBe(`#member=${memberId}&token=${world.shell.token}`);
    await link.click();
    await poll(() => page.locator('main[data-screen=members] .member-page').getAttribute('data-id')).toBe(String(memberId));
    await poll(() => page.locator('#member-page-title').textContent()).toContain(name);
  });

  it('opens the member page of the request in the detail pane with the m key', async () => {
    await screen('dashboard');
    const id = world.openIds[2]!;
    const memberId = db().prepare('SELECT member_id FROM loc_requests WHERE id = ?').pluck().get(id) as number;
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    await poll(detailTitle).toBe(`LOC申請 #${id}`);
    await page.locator(`.loc-row[data-id="${id}"]`).focus();
    await page.keyboard.press('m');
    await poll(() => page.locator('main[data-screen=members] .member-page').getAttribute('data-id')).toBe(String(memberId));
    // The address the link set is taken away again, so the same link can be followed twice.
    expect(await page.evaluate(() => window.location.hash)).toBe('');
  });

  it("opens the robot's trace in Playwright's trace viewer from the detail pane, with no command line", async () => {
    await screen('dashboard');
    const id = world.robotFailedId;
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    await poll(detailTitle).toBe(`LOC申請 #${id}`);
    const [viewer] = await Promise.all([context.waitForEvent('page'), detail().getByRole('button', { name: 'トレースを開く' }).click()]);
    await poll(() => new URL(viewer.url()).pathname).toBe('/trace-viewer/index.html');
    expect(new URL(viewer.url()).origin).toBe(new URL(world.shell.url).origin);
    // The viewer lists the robot's actions on the cart admin, read from the trace the robot saved:
    // the flow's title and the unknown product code it typed into the order form.
    await poll(() => viewer.locator('body').innerText()).toContain('ecforce createOrder');
    expect(await viewer.locator('body').innerText()).toContain(`Fill "${UNKNOWN_PRODUCT_CODE}"`);
    // And shows the cart's page as the robot saw it, from the trace's own snapshot.
    await poll(async () => {
      const texts = await Promise.all(viewer.frames().map((f) => f.locator('body').innerText().catch(() => '')));
      return texts.some((text) => text.includes('受注作成'));
    }).toBe(true);
    await viewer.screenshot({ path: path.join(screenshotDir, 'trace-viewer.png') });
    await viewer.close();
  });

  it('notifies once when a request newly needs a person, and not at all with notifications turned off', async () => {
    await screen('dashboard');
    expect(await shown()).toEqual([]);
    const before = await navCount();
    const memberIds = world.sandboxes.world.customers.map((c) => c.memberId);
    const [arrived] = addNeedsManualRequests(cloud(), world.robotFailedId, memberIds, 1);
    await world.core.sync.now();
    await poll(navCount).toBe(before + 1);
    await poll(async () => (await shown()).length).toBe(1);
    expect((await shown())[0]?.title).toBe(`LOC申請 #${arrived} に手動対応が必要です`);

    // Another change to the list (a completion elsewhere) refreshes it without announcing again.
    const done = await world.core.api.call('loc.complete', { ids: [world.openIds[5]!], completionStatus: '対応完了', staff: '陳 怡君' });
    expect('result' in done).toBe(true);
    await poll(navCount).toBe(before);
    await world.core.sync.now();
    expect(await shown()).toHaveLength(1);

    await screen('staff');
    await page.getByLabel('手動対応が必要な申請が来たらデスクトップで通知する').uncheck();
    addNeedsManualRequests(cloud(), world.robotFailedId, memberIds, 1);
    await world.core.sync.now();
    await poll(navCount).toBe(before + 1);
    expect(await shown()).toHaveLength(1);
  });
});
