import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreReasons } from '../../electron/core/loc/reasons';
import type { LocRequestData, ReasonRecord } from '../../electron/core/sync/change-schemas';
import { sandboxControl } from '../../electron/core/sync/sync-test-support';
import { startUiWorld, type UiWorld, openShopPage } from './ui-world';

/**
 * The robot's words in Chromium, in every language: the robot-result column and the detail
 * pane's reason for results the cloud carried as data, the reason the robot screen gives for
 * running no robot, and 同期状況's quarantined changes. In English and Chinese nothing Japanese
 * is left but the customers' own names.
 */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Kana, and words only Japanese writes this way; Chinese shares the other ideographs. */
const japanese = /[\u3040-\u30ff]|様|受注|稼働|未登録|電話番号/;
/** Any CJK character or full-width form, for English. */
const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
const names = ['中村 葵', '佐藤 恵子', '高橋 翔太'];
const withoutNames = (text: string) => names.reduce((out, name) => out.replaceAll(name, ''), text);

const summaryText = '受注 100245 を作成しました（中村 葵 様）。稼働中だった定期 S-1、S-2 を停止しました。注意: カートの顧客名「中村 葵」が友だちの氏名「佐藤 恵子」と異なります（電話番号は一致しています）';
const summary = coreReasons.sentences(
  coreReasons.orderCreated('100245', '中村 葵'),
  coreReasons.subscriptionsStopped(['S-1', 'S-2']),
  coreReasons.notice({ key: 'customerNameDiffers', params: ['中村 葵', '佐藤 恵子'] }),
);
const mismatchText = 'カートの顧客（高橋 翔太、電話番号 未登録）と友だち（高橋 翔太、電話番号 070-9999-8888）の電話番号が一致しないため、受注していません。カート顧客の紐付けを確認してから手動で対応してください';
const mismatch = { key: 'customerPhoneMismatch', params: ['高橋 翔太', { key: 'phoneMissing', params: [] }, '高橋 翔太', '070-9999-8888'] };

const ids = { done: 0, manual: 0, retrying: 0 };
let world: UiWorld;
let page: Page;

/** Two requests the robot reported on, newest of all so the dashboard lists them first. */
function seedResults(cloud: UiWorld['cloud']): void {
  const template = [...cloud.store.locRequests.values()].find((r) => r.kind === 'crosssell');
  if (!template) throw new Error('the seeded shop has no cross-sell request');
  const now = cloud.store.clock.now().toISOString();
  const add = (status: 'done' | 'needs_manual' | 'failed_retryable', message: string, reason: ReasonRecord): number => {
    const id = cloud.store.nextId('loc_request');
    const request: LocRequestData = {
      ...template,
      id,
      uid: randomUUID(),
      status,
      note: null,
      completionStatus: status === 'done' ? 'クロスセル受付' : null,
      robotResult: { outcome: status, message, reason, reportedAt: now },
      finishedBy: status === 'done' ? { kind: 'robot', name: 'PC-1' } : null,
      lease: null,
      requestedAt: now,
      completedAt: status === 'done' ? now : null,
      updatedAt: now,
    };
    cloud.store.upsert('loc_request', request);
    return id;
  };
  ids.done = add('done', summaryText, summary);
  ids.manual = add('needs_manual', mismatchText, mismatch);
  ids.retrying = add('failed_retryable', 'カートのセッションが切れ、再ログインしても続けられませんでした', { key: 'sessionExpired', params: [] });
}

beforeAll(async () => {
  world = await startUiWorld({ members: 300, seedCloud: seedResults });
  page = await openShopPage(world);
}, 240_000);

afterAll(async () => {
  await world?.close();
});

async function inLanguage(language: 'ja' | 'en' | 'zh-TW'): Promise<void> {
  await page.selectOption('.language select', language);
  await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function screen(name: string): Promise<void> {
  await page.click(`nav.screens button[data-screen=${name}]`);
  await poll(() => page.locator(`main[data-screen=${name}]`).count()).toBe(1);
}

const resultCell = (id: number) => page.locator(`.loc-row[data-id="${id}"] .robot-result`);

async function openRequest(row: ReturnType<Page['locator']>, id: number): Promise<void> {
  await poll(() => row.count()).toBe(1);
  await row.click();
  await poll(() => page.locator('.loc-detail h2').textContent()).toMatch(new RegExp(`#${id}$`));
}

/** What each check reads, by language. */
async function robotWords(): Promise<Record<string, string>> {
  await screen('dashboard');
  await poll(() => resultCell(ids.manual).count()).toBe(1);
  const words: Record<string, string> = {
    'refusal in the robot-result column': (await resultCell(ids.manual).textContent()) ?? '',
    'retry in the robot-result column': (await resultCell(ids.retrying).textContent()) ?? '',
  };
  await openRequest(page.locator(`.loc-row[data-id="${ids.manual}"]`), ids.manual);
  words["the detail pane's reason"] = (await page.locator('.loc-detail [data-testid=robot-reason]').textContent()) ?? '';
  // A finished request's summary is its robot result, in the detail pane of 完了したLOC申請.
  await screen('completed');
  await openRequest(page.locator(`.completed-table tr[data-id="${ids.done}"]`), ids.done);
  words["the summary in the detail pane"] = (await page.locator('.loc-detail [data-testid=robot-result]').textContent()) ?? '';
  await screen('robot');
  words['why the robot is unavailable'] = (await page.locator('[data-testid=robot-availability] .reason').textContent()) ?? '';
  await screen('sync');
  await poll(() => page.locator('.sync-quarantined tbody tr').count()).toBe(2);
  words["同期状況's quarantine lines"] = (await page.locator('.sync-quarantined tbody').textContent()) ?? '';
  return words;
}

describe("the robot's words in Chromium", () => {
  it('are Japanese as the robot wrote them, with the quarantined changes said as sentences', async () => {
    await sandboxControl(world.cloud).corrupt('malformed');
    await sandboxControl(world.cloud).corrupt('unknown_entity');
    await screen('sync');
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    const words = await robotWords();
    expect(words['refusal in the robot-result column']).toBe(mismatchText);
    expect(words['retry in the robot-result column']).toBe('カートのセッションが切れ、再ログインしても続けられませんでした');
    expect(words["the detail pane's reason"]).toBe(mismatchText);
    expect(words['the summary in the detail pane']).toBe(summaryText);
    expect(words['why the robot is unavailable']).toBe('このワークステーションではロボットが設定されていません');
    expect(words["同期状況's quarantine lines"]).toContain('この版の Tanto が知らない種類のデータが届いたため、反映していません。');
  });

  it('leave nothing Japanese in English but the customers’ names', async () => {
    await inLanguage('en');
    const words = await robotWords();
    for (const [where, text] of Object.entries(words)) {
      expect(text, where).not.toBe('');
      expect(withoutNames(text), where).not.toMatch(cjk);
    }
    expect(words['the summary in the detail pane']).toBe(
      'Created order 100245 (for 中村 葵). Stopped the running subscriptions S-1, S-2. Note: The cart\'s customer name "中村 葵" differs from the friend\'s name "佐藤 恵子" (the phone numbers match)',
    );
    expect(words['refusal in the robot-result column']).toContain('(高橋 翔太, phone not registered)');
    expect(words["the detail pane's reason"]).toBe(words['refusal in the robot-result column']);
    expect(words['why the robot is unavailable']).toBe('No robot is set up on this workstation');
    expect(words["同期状況's quarantine lines"]).toContain('The cloud sent a kind of data this version of Tanto does not know');
  });

  it('leave nothing Japanese in Chinese but the customers’ names', async () => {
    await inLanguage('zh-TW');
    const words = await robotWords();
    for (const [where, text] of Object.entries(words)) {
      expect(text, where).not.toBe('');
      expect(withoutNames(text), where).not.toMatch(japanese);
    }
    expect(words['refusal in the robot-result column']).toContain('電話 未登錄');
    expect(words['the summary in the detail pane']).toMatch(/^已建立訂單 100245（中村 葵）。已停止原本進行中的定期購 S-1、S-2。注意：/);
    await inLanguage('ja');
  });
});
