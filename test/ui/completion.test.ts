import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Locator, Page } from 'playwright-core';
import type { ArgsOf, MethodName, ResultOf } from '../../renderer/src/api/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedOperations, completionsRecorded, rejectedOperations, reopensRecorded } from './completion-cloud';
import { startCompletionWorld, UNKNOWN_PRODUCT_CODE, type CompletionWorld } from './completion-world';
import { screenshotDir } from './ui-world';

/**
 * A clerk finishing by hand what the robot could not, in Chromium against the headless shell,
 * with the real robot's failure evidence and the cloud sandbox as the judge of what was sent.
 */
/** The whole suite runs files side by side on a small machine; a page may take a while to catch up. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

let world: CompletionWorld;
let page: Page;
const cloud = () => world.sandboxes.cloud;

const rows = () => page.locator('.loc-row[data-id]');
const detail = () => page.locator('.loc-detail');
const rowIds = async () => (await rows().evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).sort((a, b) => a - b);
const completedIds = async () =>
  (await page.locator('.completed-table tbody tr[data-id]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).sort((a, b) => a - b);

async function screen(name: 'dashboard' | 'completed'): Promise<void> {
  await page.click(`nav.screens button[data-screen=${name}]`);
  await poll(() => page.locator(`main[data-screen=${name}] h2`).count()).toBeGreaterThan(0);
}

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

function stepEvidence(requestId: number): { id: number; screenshot: string; trace: string } {
  const step = world.core.db
    .prepare(
      `SELECT s.id, s.screenshot_path AS screenshot, s.trace_path AS trace FROM run_steps s JOIN robot_runs r ON r.id = s.run_id
       WHERE r.loc_request_id = ? AND s.state = 'failed' ORDER BY s.id DESC LIMIT 1`,
    )
    .get(requestId) as { id: number; screenshot: string | null; trace: string | null } | undefined;
  if (!step?.screenshot || !step.trace) throw new Error(`the robot left no screenshot and trace for LOC ${requestId}`);
  return { id: step.id, screenshot: step.screenshot, trace: step.trace };
}

async function complete(form: Locator, status: string, note: string): Promise<Locator> {
  await form.getByLabel(status, { exact: true }).check();
  await form.locator('textarea[name=note]').fill(note);
  await form.getByRole('button', { name: '完了にする…' }).click();
  const confirm = form.getByRole('alertdialog');
  await poll(() => confirm.isVisible()).toBe(true);
  return confirm;
}

/** The core's API as another window would call it. */
async function coreCall<N extends MethodName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
  const outcome = await world.core.api.call(name, args);
  if ('error' in outcome) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result as ResultOf<N>;
}

function parseCsv(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

beforeAll(async () => {
  world = await startCompletionWorld({ openRequests: 22 });
  page = await world.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
}, 240_000);

afterAll(async () => {
  await world?.close();
});

describe('a clerk finishes what the robot could not', () => {
  it("reads the robot's reason and screenshot, downloads its trace, completes 対応完了 with a note; the cloud records it once", async () => {
    const id = world.robotFailedId;
    const evidence = stepEvidence(id);
    const setStatusBefore = appliedOperations(cloud(), 'loc.setStatus');

    await page.selectOption('select[name=status]', 'needs_manual');
    await poll(rowIds).toEqual([id, ...world.openIds].sort((a, b) => a - b));
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    await poll(() => detail().locator('h2').textContent()).toBe(`LOC申請 #${id}`);

    // The reason is the robot's own, as the cloud received it.
    const cloudMessage = cloud().store.locRequests.get(id)?.robotResult?.message ?? '';
    expect(cloudMessage).toContain(UNKNOWN_PRODUCT_CODE);
    await poll(() => detail().getByTestId('robot-reason').textContent()).toContain(UNKNOWN_PRODUCT_CODE);

    // The screenshot shown is the very file the robot saved when the step failed.
    const shot = detail().getByTestId('failure-screenshot');
    await poll(() => shot.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(200);
    const src = await shot.getAttribute('src');
    expect(src).toBe(`data:image/png;base64,${readFileSync(evidence.screenshot).toString('base64')}`);

    const trace = await download(() => detail().getByRole('button', { name: 'トレースをダウンロード' }).click());
    expect(trace.name).toMatch(/\.zip$/);
    expect(trace.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(trace.bytes.equals(readFileSync(evidence.trace))).toBe(true);
    expect(await detail().textContent()).toContain('Playwright のトレースビューア');

    const note = '電話で確認し、別商品で手配済み';
    const form = detail().locator('.completion-form');
    await form.locator('input[name=staff]').fill('佐藤');
    const confirm = await complete(form, '対応完了', note);
    expect(await confirm.textContent()).toContain(`LOC申請 #${id} を「対応完了」で完了にします。`);
    await confirm.getByRole('button', { name: '確定する' }).click();

    await poll(rowIds).not.toContain(id);
    await poll(() => detail().getByTestId('completion-status').textContent()).toBe('対応完了');
    expect(await detail().getByRole('status').textContent()).toContain(`LOC申請 #${id} を「対応完了」で完了にしました。`);
    // Journaled as the clerk's own change, with who they said they were and what they wrote.
    const journaled = detail().locator('.journal tbody tr').last();
    await poll(() => journaled.textContent()).toContain(`対応完了: ${note}`);
    expect(await journaled.textContent()).toMatch(/スタッフ\s*佐藤.*手動対応 → 完了/);

    // Twice through sync: the second cycle must not send the completion again.
    await world.core.sync.now();
    await world.core.sync.now();
    const recorded = completionsRecorded(cloud(), id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ status: 'done', completionStatus: '対応完了', note });
    expect(appliedOperations(cloud(), 'loc.setStatus') - setStatusBefore).toBe(1);
    expect(rejectedOperations(cloud())).toBe(0);

    await screen('completed');
    await poll(completedIds).toEqual([id]);
    const row = page.locator(`.completed-table tr[data-id="${id}"]`);
    expect(await row.locator('.completion-status').textContent()).toBe('対応完了');
    await poll(() => row.locator('.note').textContent()).toBe(note);
  });

  it('bulk 受付断念 on 20 ticked rows after a confirmation naming the count; the cloud records each once', async () => {
    await screen('dashboard');
    await page.selectOption('select[name=status]', 'needs_manual');
    await poll(rowIds).toEqual([...world.openIds].sort((a, b) => a - b));
    const [keepA, keepB, ...twenty] = world.openIds;
    expect(twenty).toHaveLength(20);

    // Everything loaded, then two taken out again.
    await page.getByLabel('表示済みの申請をすべて選択').check();
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('22件を選択中');
    for (const keep of [keepA, keepB]) await page.locator(`.loc-row[data-id="${keep}"] input[name=pick]`).uncheck();
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('20件を選択中');
    expect(await page.locator('.loc-row.picked').count()).toBe(20);

    const setStatusBefore = appliedOperations(cloud(), 'loc.setStatus');
    const bar = page.locator('.bulk-bar');
    const confirm = await complete(bar.locator('.completion-form'), '受付断念', '在庫切れ');
    expect(await confirm.textContent()).toContain('20件のLOC申請を「受付断念」で完了にします。');
    await page.screenshot({ path: path.join(screenshotDir, 'completion.png') });
    await confirm.getByRole('button', { name: '確定する' }).click();

    await poll(() => page.getByTestId('completion-notice').textContent()).toBe('20件を「受付断念」で完了にしました。');
    await poll(rowIds).toEqual([keepA, keepB].sort((a, b) => a! - b!));
    expect(await bar.count()).toBe(0);

    await world.core.sync.now();
    for (const id of twenty) {
      const recorded = completionsRecorded(cloud(), id!);
      expect(recorded, `LOC ${id}`).toHaveLength(1);
      expect(recorded[0]).toMatchObject({ completionStatus: '受付断念', note: '在庫切れ' });
    }
    expect(appliedOperations(cloud(), 'loc.setStatus') - setStatusBefore).toBe(20);
    expect(completionsRecorded(cloud(), keepA!)).toHaveLength(0);
  });

  it('says plainly when another clerk finished a ticked request first, and changes nothing', async () => {
    const [keepA, keepB] = world.openIds;
    await page.locator(`.loc-row[data-id="${keepA}"] input[name=pick]`).check();
    await page.locator(`.loc-row[data-id="${keepB}"] input[name=pick]`).check();
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('2件を選択中');
    // Someone at another window finishes one of them.
    await coreCall('loc.complete', { ids: [keepB!], completionStatus: '対応不可', staff: '別の担当者' });

    const bar = page.locator('.bulk-bar');
    const confirm = await complete(bar.locator('.completion-form'), '対応完了', '');
    await confirm.getByRole('button', { name: '確定する' }).click();
    const alert = bar.locator('.completion-refused');
    await poll(() => alert.textContent()).toContain(`すでに完了しています: #${keepB}`);
    expect(await alert.textContent()).toContain('どの申請も変更していません');
    expect((await coreCall('loc.get', { id: keepA! })).status).toBe('needs_manual');

    await alert.getByRole('button', { name: 'これら1件を選択から外す' }).click();
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('1件を選択中');
    await bar.getByRole('button', { name: '選択を解除' }).click();
    await poll(() => bar.count()).toBe(0);
  });

  it('reopens one of the 20 with a reason: back on the dashboard as needs_manual, journaled, sent once', async () => {
    const id = world.openIds[5]!;
    const reason = 'お客様から再度の問い合わせがあり、受付可能になった';
    await screen('completed');
    await poll(async () => (await completedIds()).length).toBe(22);
    await page.locator(`.completed-table tr[data-id="${id}"]`).click();
    await poll(() => detail().locator('h2').textContent()).toBe(`LOC申請 #${id}`);
    const reopen = detail().locator('.reopen-form');
    const submit = reopen.getByRole('button', { name: '再オープンする' });
    expect(await submit.isDisabled()).toBe(true);
    await reopen.locator('textarea[name=reason]').fill(reason);
    await page.screenshot({ path: path.join(screenshotDir, 'completed.png') });
    await submit.click();

    await poll(() => detail().locator('.facts .status').first().textContent()).toBe('手動対応');
    const last = detail().locator('.journal tbody tr').last();
    await poll(() => last.textContent()).toContain(reason);
    expect(await last.textContent()).toMatch(/スタッフ.*完了 → 手動対応/);
    await poll(completedIds).not.toContain(id);

    await world.core.sync.now();
    await world.core.sync.now();
    expect(reopensRecorded(cloud(), id)).toHaveLength(1);
    expect(reopensRecorded(cloud(), id)[0]).toMatchObject({ status: 'needs_manual', note: reason, completionStatus: null });
    expect(appliedOperations(cloud(), 'loc.reopen')).toBe(1);

    await screen('dashboard');
    await page.selectOption('select[name=status]', 'needs_manual');
    await poll(rowIds).toContain(id);
    expect(await page.locator(`.loc-row[data-id="${id}"] .status`).textContent()).toBe('手動対応');
  });

  it('exports the completed list as UTF-8 with a BOM, and as CP932 on request, with the current filters', async () => {
    await screen('completed');
    const expected = (await coreCall('loc.list', { completed: true, page: 1, pageSize: 500 })).items.map((r) => r.id).sort((a, b) => a - b);
    // 対応完了 by hand, 20 受付断念 in bulk, one finished at another window, one of them reopened.
    expect(expected).toHaveLength(21);
    await poll(completedIds).toEqual(expected);

    const utf8 = await download(() => page.getByRole('button', { name: 'CSV出力' }).click());
    expect(utf8.name).toMatch(/^completed-loc-requests-.*\.csv$/);
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(utf8.bytes.subarray(3).toString('utf8'));
    expect(records.map((r) => Number(r['申請ID'])).sort((a, b) => a - b)).toEqual(expected);
    const byId = new Map(records.map((r) => [Number(r['申請ID']), r]));
    expect(byId.get(world.robotFailedId)?.['完了ステータス']).toBe('対応完了');
    expect(byId.get(world.openIds[2]!)?.['完了ステータス']).toBe('受付断念');

    await page.selectOption('select[name=csvEncoding]', 'cp932');
    const sjis = await download(() => page.getByRole('button', { name: 'CSV出力' }).click());
    expect(sjis.name).toMatch(/-sjis\.csv$/);
    expect([...sjis.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const decoded = iconv.decode(sjis.bytes, 'cp932');
    expect(iconv.encode(decoded, 'cp932').equals(sjis.bytes)).toBe(true);
    // The same rows, each character CP932 can hold kept as it is (an emoji in a LINE name becomes ?).
    const inCp932 = (text: string) => iconv.decode(iconv.encode(text, 'cp932'), 'cp932');
    expect(parseCsv(decoded)).toEqual(records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, inCp932(v)]))));
    expect(decoded).toContain('受付断念');

    // The list's search narrows the export the same way.
    await page.fill('input[name=search]', String(world.robotFailedId));
    await poll(completedIds).toEqual([world.robotFailedId]);
    await page.selectOption('select[name=csvEncoding]', 'utf8-bom');
    const one = await download(() => page.getByRole('button', { name: 'CSV出力' }).click());
    expect(parseCsv(one.bytes.subarray(3).toString('utf8')).map((r) => Number(r['申請ID']))).toEqual([world.robotFailedId]);

    // Every request here is a cross-sell: asking for cancellations leaves nothing to list or export.
    await page.fill('input[name=search]', '');
    await page.selectOption('.completed-filters select[name=kind]', 'cancel');
    await poll(() => page.getByTestId('completed-total').textContent()).toBe('0件');
    expect(await page.locator('.completed-list').textContent()).toContain('条件に合う完了済みのLOC申請はありません。');
    const none = await download(() => page.getByRole('button', { name: 'CSV出力' }).click());
    expect(parseCsv(none.bytes.subarray(3).toString('utf8'))).toEqual([]);
  });

  it('exports the dashboard as open requests only', async () => {
    await screen('dashboard');
    await page.selectOption('select[name=status]', '');
    const file = await download(() => page.getByRole('button', { name: 'CSV出力' }).click());
    expect(file.name).toMatch(/^loc-requests-/);
    const records = parseCsv(file.bytes.subarray(3).toString('utf8'));
    const open = [...cloud().store.locRequests.values()].filter((r) => r.status !== 'done').map((r) => r.id);
    expect(records.map((r) => Number(r['申請ID'])).sort((a, b) => a - b)).toEqual(open.sort((a, b) => a - b));
    expect(records.every((r) => r['完了ステータス'] === '')).toBe(true);
  });
});
