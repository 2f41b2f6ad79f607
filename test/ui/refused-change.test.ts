import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocRequestData } from '../../electron/core/sync/change-schemas';
import { takeLease } from '../../sandbox/cloud/leases';
import { rejectedOperations } from './completion-cloud';
import { screenProblems } from './layout-checks';
import { startUiWorld, type UiWorld } from './ui-world';

/**
 * A clerk completes a request on a replica that is behind: the cloud has meanwhile leased it to
 * another workstation's robot and refuses the completion. After the next sync the request is back
 * among the open ones, shown as the cloud has it, and its detail pane says who completed it, as
 * what, and why the cloud refused; 同期状況 lists the same refusal. In Japanese and in English.
 */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
const shots = fileURLToPath(new URL('../../test-results/refused-change', import.meta.url));

let world: UiWorld;
let page: Page;
let id = 0;

/** The newest request of all, waiting for a person, so the dashboard lists it first. */
function seedWaiting(cloud: UiWorld['cloud']): void {
  const template = [...cloud.store.locRequests.values()].find((r) => r.kind === 'crosssell');
  if (!template) throw new Error('the seeded shop has no cross-sell request');
  const now = cloud.store.clock.now().toISOString();
  id = cloud.store.nextId('loc_request');
  const request: LocRequestData = {
    ...template,
    id,
    uid: randomUUID(),
    status: 'needs_manual',
    completionStatus: null,
    completedAt: null,
    finishedBy: null,
    robotResult: null,
    note: null,
    lease: null,
    requestedAt: now,
    updatedAt: now,
  };
  cloud.store.upsert('loc_request', request);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  world = await startUiWorld({ members: 200, seedCloud: seedWaiting });
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await page.goto(world.shell.url);
}, 240_000);

afterAll(async () => {
  await world?.close();
});

const row = () => page.locator(`.loc-row[data-id="${id}"]`);
const detail = () => page.locator('.loc-detail');
const refusal = () => detail().getByTestId('cloud-refusal');

async function screen(name: string): Promise<void> {
  await page.click(`nav.screens button[data-screen=${name}]`);
  await poll(() => page.locator(`main[data-screen=${name}]`).count()).toBe(1);
}

async function openRequest(): Promise<void> {
  await screen('dashboard');
  await poll(() => row().count()).toBe(1);
  await row().click();
  await poll(() => detail().locator('h2').textContent()).toMatch(new RegExp(`#${id}$`));
}

async function inLanguage(language: 'ja' | 'en' | 'zh-TW'): Promise<void> {
  await page.selectOption('.language select', language);
  await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function completeAs(form: Locator, staff: string, status: string): Promise<void> {
  await form.locator('input[name=staff]').fill(staff);
  await form.getByLabel(status, { exact: true }).check();
  await form.getByRole('button', { name: '完了にする…' }).click();
  const confirm = form.getByRole('alertdialog');
  await poll(() => confirm.isVisible()).toBe(true);
  await confirm.getByRole('button', { name: '確定する' }).click();
}

describe('a completion the cloud refused, in Chromium', () => {
  it('is shown done until the cloud answers, then as the cloud has it with the refusal on the request (ja)', async () => {
    await openRequest();
    // Another workstation's robot takes the request; this replica has not heard of it yet.
    const lease = takeLease(world.cloud.store, id, 'KURA-PC#7', 600);
    expect(lease.ok).toBe(true);

    await completeAs(detail().locator('.completion-form'), '山田', '対応完了');
    await poll(() => row().count()).toBe(0);

    await screen('sync');
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await poll(() => rejectedOperations(world.cloud)).toBe(1);
    const refused = page.locator('.sync-rejected tbody tr');
    await poll(() => refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('別のワークステーションのロボットがこの申請を処理中のため、受け付けませんでした。');
    expect(await refused.textContent()).toContain(`LOC 申請 ${id} のステータス変更（完了へ）`);

    await openRequest();
    await poll(() => refusal().count()).toBe(1);
    expect(await detail().locator('.request-summary .status').textContent()).toBe('手動対応');
    expect(await refusal().getByRole('alert').textContent()).toBe(
      '山田の「対応完了」をクラウドが受け付けませんでした。別のワークステーションのロボットがこの申請を処理中のため、受け付けませんでした。処理が終わってから申請を確かめてください。',
    );
    expect(await detail().getByTestId('robot-hold').textContent()).toContain('KURA-PC');
    expect(await detail().locator('.journal tr[data-event=refused_by_cloud]').textContent()).toContain('クラウドがこの変更を受け付けませんでした');
    // Nothing done is left anywhere on the request: not as its status, not as this workstation's own.
    const own = (await detail().getByTestId('robot-work').textContent()) ?? '';
    expect(own).toContain('手動対応');
    expect(own).not.toContain('完了');
    await page.screenshot({ path: path.join(shots, 'ja.png') });
    expect(await page.evaluate(screenProblems, { language: 'ja', keyRoots: [] })).toEqual([]);
  });

  it('says the same in English, with nothing Japanese but the name the clerk typed', async () => {
    await inLanguage('en');
    await poll(() => refusal().getByRole('alert').textContent()).toBe(
      "The cloud refused “Handled” by 山田. Another workstation's robot is working this request, so the change was refused. Check the request once it is finished.",
    );
    const pane = (await refusal().textContent()) ?? '';
    expect(pane.replaceAll('山田', '')).not.toMatch(cjk);
    expect(await detail().locator('.request-summary .status').textContent()).toBe('Needs manual');
    await page.screenshot({ path: path.join(shots, 'en.png') });
    expect(await page.evaluate(screenProblems, { language: 'en', keyRoots: [] })).toEqual([]);
    await screen('sync');
    expect(await page.locator('.sync-rejected tbody tr').textContent()).toContain("Another workstation's robot is working this request");
    await inLanguage('ja');
  });

  it('is said in Chinese too, and the pane fits the shop PC and a full-HD screen in every language', async () => {
    await openRequest();
    await inLanguage('zh-TW');
    await poll(() => refusal().getByRole('alert').textContent()).toMatch(/^雲端未接受山田的「處理完成」。/);
    expect(((await refusal().textContent()) ?? '').replaceAll('山田', '')).not.toMatch(/[\u3040-\u30ff]/);
    const problems: string[] = [];
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      for (const language of ['ja', 'en', 'zh-TW'] as const) {
        await inLanguage(language);
        await refusal().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, `${size.width}-${language}.png`) });
        problems.push(...(await page.evaluate(screenProblems, { language, keyRoots: [] })).map((p) => `${size.width} ${language} ${p}`));
      }
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await inLanguage('ja');
    expect(problems).toEqual([]);
  });
});
