import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Locator, Page } from 'playwright-core';
import type { ArgsOf, MethodName, ResultOf } from '../../renderer/src/api/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveWorkstationName } from '../../electron/core/instance/workstation-name';
import { transition, workOf } from '../../electron/core/loc/transitions';
import { startRun, stepDone, stepStarted } from '../../electron/core/robot/journal';
import { formatTokyoClock } from '../../renderer/src/format';
import { appliedOperations, completionsRecorded, rejectedOperations, reopensRecorded } from './completion-cloud';
import { addNeedsManualRequests, startCompletionWorld, UNKNOWN_PRODUCT_CODE, type CompletionWorld } from './completion-world';
import { screenshotDir, writeScreenshot, openShopPage } from './ui-world';

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
    // The next request waiting for a person opens at once; the notice leads back to this one.
    const next = page.getByTestId('next-request-notice');
    await poll(() => next.textContent()).toContain(`LOC申請 #${id} を「対応完了」で完了にしました。`);
    await next.getByRole('button', { name: `#${id} に戻る` }).click();
    await poll(() => detail().getByTestId('completion-status').textContent()).toBe('対応完了');
    // Journaled as the clerk's own change, with who they said they were and what they wrote.
    const journaled = detail().locator('.journal tbody tr').last();
    await poll(() => journaled.textContent()).toContain(`対応完了: ${note}`);
    expect(await journaled.textContent()).toMatch(/佐藤.*手動対応 → 完了/);

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
    await writeScreenshot(page, 'completion.png');
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
    await writeScreenshot(page, 'completed.png');
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

/**
 * A request a robot is working on, as the core sees it: this workstation's robot has it leased and
 * running (its local work row and journal say so), or another workstation holds the cloud's lease.
 * The robot itself stays stopped; what it would journal is written as it writes it.
 */
describe('a request a robot is working on', () => {
  const here = 'pc-a#1a2b3c4d';
  const elsewhere = 'pc-b#9f8e7d6c';
  const since = new Date(Date.now() - 3 * 60_000).toISOString();
  const clock = formatTokyoClock(since, 'ja');
  let heldId: number;
  let pastId: number;
  let elsewhereId: number;
  let repeatId: number;
  let shotPage: Page;

  const db = () => world.core.db;
  const now = () => new Date().toISOString();
  const changed = (id: number) => world.core.events.emit('loc.changed', { ids: [id] });
  const hold = () => detail().getByTestId('robot-hold');
  const completion = () => detail().locator('.completion-form');

  /** As this workstation's robot would: leased by it and running its steps. */
  function heldHere(id: number, from: 'needs_manual' | 'new'): void {
    if (from === 'needs_manual') transition(db(), id, 'retry_by_staff', { actor: 'staff', actorDetail: '佐藤', at: since });
    else transition(db(), id, 'queue', { actor: 'robot', actorDetail: here, at: since });
    transition(db(), id, 'lease', { actor: 'robot', actorDetail: here, at: since });
    transition(db(), id, 'start', { actor: 'robot', actorDetail: here, at: since });
    changed(id);
  }

  async function open(id: number): Promise<void> {
    await screen('dashboard');
    await page.selectOption('select[name=status]', '');
    await poll(() => page.locator(`.loc-row[data-id="${id}"]`).count()).toBe(1);
    await page.locator(`.loc-row[data-id="${id}"]`).click();
    await poll(() => detail().locator('h2').textContent()).toBe(`LOC申請 #${id}`);
  }

  async function inLanguage(language: 'ja' | 'en' | 'zh-TW', target: Page = page): Promise<void> {
    await target.selectOption('.language select', language);
    await poll(() => target.evaluate(() => document.documentElement.lang)).toBe(language);
  }

  beforeAll(async () => {
    // This workstation as the shop named it, the name its robot goes by on staff screens.
    saveWorkstationName(db(), 'pc-a');
    const memberIds = world.sandboxes.world.customers.map((c) => c.memberId);
    [heldId, pastId, elsewhereId, repeatId] = addNeedsManualRequests(cloud(), world.robotFailedId, memberIds, 4) as [number, number, number, number];
    const store = cloud().store;
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    store.upsert('loc_request', { ...store.locRequests.get(elsewhereId)!, status: 'running', note: null, lease: { holder: elsewhere, since, expiresAt }, updatedAt: now() });
    store.upsert('loc_request', { ...store.locRequests.get(repeatId)!, status: 'new', note: null, updatedAt: now() });
    await world.core.sync.now();
    heldHere(heldId, 'needs_manual');
    heldHere(pastId, 'needs_manual');
    shotPage = await openShopPage(world);
  }, 60_000);

  afterAll(async () => {
    await shotPage?.close();
  });

  it("shows this workstation's robot at work since when, and keeps completion and retry out of reach", async () => {
    await open(heldId);
    await poll(() => hold().locator('.robot-hold-who').textContent()).toBe(`この端末のロボットが処理中です（pc-a、${clock} から）`);
    expect(await hold().textContent()).toContain('完了・再オープン・ロボットでの再実行はできません');
    expect(await detail().textContent()).not.toContain('1a2b3c4d');
    expect(await completion().getByRole('button', { name: '完了にする…' }).isDisabled()).toBe(true);
    expect(await completion().getByLabel('対応完了', { exact: true }).isDisabled()).toBe(true);
    expect(await detail().getByRole('button', { name: 'ロボットで再実行' }).isDisabled()).toBe(true);
    expect(await hold().getByRole('button', { name: 'ロボットを止める' }).isEnabled()).toBe(true);
  });

  it('says it in English and Traditional Chinese too, and fits a 1366×768 screen in each', async () => {
    await shotPage.selectOption('select[name=status]', '');
    await shotPage.locator(`.loc-row[data-id="${heldId}"]`).click();
    const pane = shotPage.locator('.loc-detail');
    const who = pane.locator('.robot-hold-who');
    const expected = {
      ja: `この端末のロボットが処理中です（pc-a、${clock} から）`,
      en: `This workstation's robot is working on this request (pc-a, since ${formatTokyoClock(since, 'en')}).`,
      'zh-TW': `此終端的機器人正在處理此申請（pc-a，自 ${formatTokyoClock(since, 'zh-TW')} 起）`,
    } as const;
    for (const language of ['ja', 'en', 'zh-TW'] as const) {
      await inLanguage(language, shotPage);
      await poll(() => who.textContent()).toBe(expected[language]);
      const stop = pane.locator('button.stop-robot');
      // Nothing of the hold is cut off or pushed out of the pane at this size.
      for (const part of [who, stop]) {
        const box = (await part.boundingBox())!;
        const paneBox = (await pane.boundingBox())!;
        expect(box.x + box.width, language).toBeLessThanOrEqual(paneBox.x + paneBox.width);
        expect(box.y + box.height, language).toBeLessThanOrEqual(768);
      }
      expect(await pane.evaluate((el) => el.scrollWidth <= el.clientWidth), language).toBe(true);
      await writeScreenshot(shotPage, language === 'ja' ? 'robot-hold.png' : `robot-hold-${language}.png`);
    }
    await inLanguage('ja', shotPage);
  });

  it('asks the robot to stop: said to take effect at its next step, journaled, and the request comes back to staff', async () => {
    await open(heldId);
    await hold().getByRole('button', { name: 'ロボットを止める' }).click();
    await poll(() => hold().getByTestId('stop-requested').textContent()).toContain('次のステップに進む前に止まり');
    expect(await hold().getByRole('button', { name: 'ロボットを止める' }).count()).toBe(0);
    expect(workOf(db(), heldId)?.stopRequestedAt).not.toBeNull();
    const asked = detail().locator('.journal tbody tr[data-event=stop_requested]');
    await poll(() => asked.textContent()).toContain('ロボットに停止を依頼しました');
    expect(await asked.locator('.journal-actor').textContent()).toBe('佐藤');
    expect(await completion().getByRole('button', { name: '完了にする…' }).isDisabled()).toBe(true);

    // The robot honours it at its next step, as it journals that.
    transition(db(), heldId, 'stop', { actor: 'robot', actorDetail: here, reason: 'スタッフの依頼で停止しました', at: now() });
    changed(heldId);
    await poll(() => hold().count()).toBe(0);
    const stopped = detail().locator('.journal tbody tr[data-event=stop]');
    await poll(() => stopped.textContent()).toContain('スタッフの依頼でロボットが止まり、スタッフの対応待ちにしました');
    expect(await stopped.textContent()).toMatch(/ロボット（pc-a）.*ロボット処理中 → 手動対応.*スタッフの依頼で停止しました/);
    await completion().getByLabel('対応完了', { exact: true }).check();
    expect(await completion().getByRole('button', { name: '完了にする…' }).isEnabled()).toBe(true);
  });

  it('cannot stop a robot that has begun creating the order, and says to wait for it', async () => {
    await open(pastId);
    const stop = hold().getByRole('button', { name: 'ロボットを止める' });
    await poll(() => stop.isEnabled()).toBe(true);
    // Meanwhile the robot reaches the cart's order form.
    const run = startRun(db(), pastId, workOf(db(), pastId)!.generation, here, now());
    stepDone(db(), stepStarted(db(), run.runId, 'prepare', now()), { customer: 'C-1' }, now());
    stepStarted(db(), run.runId, 'create_order', now());
    await stop.click();
    await poll(() => hold().getByTestId('stop-refused').textContent()).toBe('ロボットが受注の作成を始めたため、止められませんでした。ロボットが終えるまでお待ちください。');
    await poll(() => stop.count()).toBe(0);
    expect(workOf(db(), pastId)?.stopRequestedAt).toBeNull();
    expect(await completion().getByRole('button', { name: '完了にする…' }).isDisabled()).toBe(true);
    expect(await detail().locator('.journal tbody tr[data-event=stop_requested]').count()).toBe(0);
  });

  it("shows another workstation's robot by that workstation's name, with nothing to stop here", async () => {
    await open(elsewhereId);
    await poll(() => hold().locator('.robot-hold-who').textContent()).toBe(`別の端末のロボットが処理中です（pc-b、${clock} から）`);
    expect(await hold().textContent()).toContain('その端末でロボットを止めるか');
    expect(await hold().getByRole('button').count()).toBe(0);
    expect(await completion().getByRole('button', { name: '完了にする…' }).isDisabled()).toBe(true);
    expect(await detail().textContent()).not.toContain('9f8e7d6c');
  });

  it('refuses a bulk completion that includes held requests, naming each with its robot and since when, and changes nothing', async () => {
    await screen('dashboard');
    await page.selectOption('select[name=status]', '');
    await poll(() => page.locator(`.loc-row[data-id="${repeatId}"]`).count()).toBe(1);
    for (const id of [pastId, elsewhereId, heldId]) await page.locator(`.loc-row[data-id="${id}"] input[name=pick]`).check();
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('3件を選択中');
    const bar = page.locator('.bulk-bar');
    const confirm = await complete(bar.locator('.completion-form'), '対応不可', '');
    await confirm.getByRole('button', { name: '確定する' }).click();
    const alert = bar.locator('.completion-refused');
    await poll(() => alert.getByTestId('held-refusal').allTextContents()).toEqual([
      `#${pastId} はこの端末のロボット（pc-a）が ${clock} から処理中です`,
      `#${elsewhereId} は別の端末のロボット（pc-b）が ${clock} から処理中です`,
    ]);
    expect(await alert.textContent()).toContain('どの申請も変更していません');
    expect(await alert.textContent()).not.toMatch(/1a2b3c4d|9f8e7d6c|LOC 申請/);
    expect((await coreCall('loc.get', { id: heldId })).status).toBe('needs_manual');
    expect(completionsRecorded(cloud(), heldId)).toHaveLength(0);
    await alert.getByRole('button', { name: 'これら2件を選択から外す' }).click();
    await poll(() => page.getByTestId('bulk-count').textContent()).toBe('1件を選択中');
    await bar.getByRole('button', { name: '選択を解除' }).click();
  });

  it('journals a repeat tap as not ordered and left for staff, with the reason, in every language', async () => {
    const reason = `重複: 同じ会員が同じクロスセル「美容液トライアル（終売）」を先に申し込んでいます（LOC ${pastId}、まだ完了していません）。この申請では注文していません。必要なら手動で対応してください`;
    transition(db(), repeatId, 'queue', { actor: 'robot', actorDetail: here, at: now() });
    transition(db(), repeatId, 'lease', { actor: 'robot', actorDetail: here, at: now() });
    transition(db(), repeatId, 'start', { actor: 'robot', actorDetail: here, at: now() });
    transition(db(), repeatId, 'repeat', { actor: 'robot', actorDetail: here, reason, at: now() });
    changed(repeatId);
    await open(repeatId);
    const entry = detail().locator('.journal tbody tr[data-event=repeat]');
    await poll(() => entry.locator('.journal-event').textContent()).toBe('重複のため注文せず、スタッフの対応待ちにしました');
    expect(await entry.locator('.journal-reason').textContent()).toBe(reason);
    expect(await entry.locator('.journal-actor').textContent()).toBe('ロボット（pc-a）');
    const journal = detail().locator('.journal');
    expect(await journal.textContent()).not.toMatch(/\b(queue|lease|start|repeat|stop_requested)\b|#1a2b3c4d/);

    const words = {
      en: { repeat: 'A repeat tap: not ordered, left for staff', lease: 'The robot took the request', actor: 'Robot (pc-a)' },
      'zh-TW': { repeat: '因重複點選而未下單，改由員工處理', lease: '機器人已接手處理', actor: '機器人（pc-a）' },
    } as const;
    for (const language of ['en', 'zh-TW'] as const) {
      await inLanguage(language);
      await poll(() => entry.locator('.journal-event').textContent()).toBe(words[language].repeat);
      expect(await journal.locator('tr[data-event=lease] .journal-event').textContent()).toBe(words[language].lease);
      expect(await entry.locator('.journal-actor').textContent()).toBe(words[language].actor);
      expect(await entry.locator('.journal-reason').textContent()).toBe(reason);
    }

    // The stop and its request read in the shop's words as well.
    await page.locator(`.loc-row[data-id="${heldId}"]`).click();
    const stopWords = {
      en: ['Staff asked the robot to stop', 'The robot stopped as staff asked; left for staff'],
      'zh-TW': ['員工已要求機器人停止', '機器人依員工要求停止，改由員工處理'],
    } as const;
    for (const language of ['en', 'zh-TW'] as const) {
      await inLanguage(language);
      await poll(() => detail().locator('.journal tr[data-event=stop_requested] .journal-event').textContent()).toBe(stopWords[language][0]);
      expect(await detail().locator('.journal tr[data-event=stop] .journal-event').textContent()).toBe(stopWords[language][1]);
    }
    await inLanguage('ja');
  });
});
