import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productFlows } from '../../electron/core/flows';
import { locEvents } from '../../electron/core/loc/state-machine';
import { locStatuses } from '../../electron/core/sync/change-schemas';
import type { ArgsOf, MethodName, ResultOf } from '../../renderer/src/api/client';
import { startCompletionWorld, UNKNOWN_PRODUCT_CODE, type CompletionWorld } from './completion-world';
import { screenshotDir } from './ui-world';

/**
 * After a real robot run that failed for a business reason, a staff completion and a reopen, the
 * detail pane and the robot console speak the shop's words in every language: no event, step or
 * state name of the engine, no machine id, no JSON; the robot by the workstation's name, staff by
 * theirs, the robot's reason in the viewer's language, and an attempt count that matches the run.
 */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const languages = ['ja', 'en', 'zh-TW'] as const;
const WORKSTATION = 'レジ横のPC';

let world: CompletionWorld;
let page: Page;
const detail = () => page.locator('.loc-detail');

/** Every internal word the engine could leak onto a screen, and the form of a machine id (host#hex). */
const internalWords = [...new Set([...locEvents, ...productFlows().flatMap((f) => f.steps), ...locStatuses])].filter((w) => w.includes('_') || w.length > 4);
const internalWord = new RegExp(`\\b(${internalWords.join('|')})\\b`);
const machineId = /[\w.-]+#[0-9a-f]{6,}/;
const json = /[{}[\]]"|"\s*:/;

async function coreCall<N extends MethodName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
  const outcome = await world.core.api.call(name, args);
  if ('error' in outcome) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result as ResultOf<N>;
}

async function inLanguage(language: (typeof languages)[number]): Promise<void> {
  await page.selectOption('.language select', language);
  await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function openRequest(id: number, screen: 'dashboard' | 'completed'): Promise<void> {
  await page.click(`nav.screens button[data-screen=${screen}]`);
  const row = screen === 'dashboard' ? page.locator(`.loc-row[data-id="${id}"]`) : page.locator(`.completed-table tr[data-id="${id}"]`);
  await poll(() => row.count()).toBe(1);
  await row.click();
  await poll(() => detail().locator('h2').textContent()).toMatch(new RegExp(`#${id}$`));
}

function expectNoInternals(text: string, where: string): void {
  expect(text, where).not.toMatch(internalWord);
  expect(text, where).not.toMatch(machineId);
  expect(text, where).not.toMatch(json);
  expect(text, where).not.toContain('スタッフ staff');
}

beforeAll(async () => {
  world = await startCompletionWorld({ openRequests: 0 });
  page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
}, 240_000);

afterAll(async () => {
  await world?.close();
});

describe("the shop's words after a robot run, a completion and a reopen", () => {
  it("shows the robot's reason in the viewer's language and one attempt for its one run", async () => {
    const id = world.robotFailedId;
    await openRequest(id, 'dashboard');
    const reason = detail().getByTestId('robot-reason');
    const expected = {
      ja: `商品コード ${UNKNOWN_PRODUCT_CODE} が商品マスタにありません`,
      en: `Product code ${UNKNOWN_PRODUCT_CODE} is not in the product master`,
      'zh-TW': `商品主檔中沒有商品代碼 ${UNKNOWN_PRODUCT_CODE}`,
    };
    const runs = { ja: '実行回数 1', en: 'Runs 1', 'zh-TW': '執行次數 1' };
    for (const language of languages) {
      await inLanguage(language);
      await poll(() => reason.textContent()).toBe(expected[language]);
      expect(await detail().getByTestId('robot-work').textContent()).toContain(runs[language]);
      // The one current reason, said once above the facts, not the robot's result beside it again.
      expect(await detail().locator('dl.facts').first().textContent(), language).not.toContain(UNKNOWN_PRODUCT_CODE);
    }
    await inLanguage('ja');
  });

  it('names the workstation as the shop set it in the robot console', async () => {
    await page.click('nav.screens button[data-screen=robot]');
    const field = page.locator('input[name=workstation-name]');
    await poll(() => field.getAttribute('placeholder')).toBe(os.hostname());
    await field.fill(WORKSTATION);
    await page.locator('.workstation-name').getByRole('button').click();
    await poll(() => page.locator('.workstation-name [role=status]').textContent()).toBe(`「${WORKSTATION}」として保存しました。`);
    expect((await coreCall('workstation.get', {})).name).toBe(WORKSTATION);
  });

  it('a finished request shows only its finishing facts', async () => {
    const id = world.robotFailedId;
    await coreCall('loc.complete', { ids: [id], completionStatus: '受付断念', note: '在庫なし', staff: '山田 花子' });
    await openRequest(id, 'completed');
    await poll(() => detail().getByTestId('completion-status').textContent()).toBe('受付断念');
    expect(await detail().locator('#failure-evidence-title').count()).toBe(0);
    expect(await detail().getByTestId('robot-work').count()).toBe(0);
    expect(await detail().textContent()).not.toContain('手動対応が必要な理由');
  });

  it('the status history and runs name every change, step and actor in the shop\'s words, in every language', async () => {
    const id = world.robotFailedId;
    await coreCall('loc.reopen', { id, reason: 'お客様から再度の連絡', staff: '佐藤' });
    await openRequest(id, 'dashboard');
    const journal = detail().locator('.journal');
    await poll(() => journal.locator('tbody tr[data-event=reopen_by_staff]').count()).toBe(1);
    // The reopen's reason is the one reason it waits for now, said once; the robot's old one is gone from the top.
    await poll(() => detail().getByTestId('robot-reason').textContent()).toBe('お客様から再度の連絡');
    expect(await detail().locator('dl.facts').first().textContent()).not.toMatch(/お客様から再度の連絡|NOPE-404/);
    const actors = {
      ja: `ロボット（${WORKSTATION}）`,
      en: `Robot (${WORKSTATION})`,
      'zh-TW': `機器人（${WORKSTATION}）`,
    };
    for (const language of languages) {
      await inLanguage(language);
      await poll(() => journal.locator('tr[data-event=fail_business] .journal-actor').textContent()).toBe(actors[language]);
      expect(await journal.locator('tr[data-event=complete_by_staff] .journal-actor').textContent()).toBe('山田 花子');
      expect(await journal.locator('tr[data-event=reopen_by_staff] .journal-actor').textContent()).toBe('佐藤');
      const completed = await journal.locator('tr[data-event=complete_by_staff] .journal-reason').textContent();
      expect(completed, language).toBe(language === 'ja' ? '受付断念: 在庫なし' : language === 'en' ? 'Abandoned: 在庫なし' : '放棄受理: 在庫なし');
      expectNoInternals((await journal.textContent()) ?? '', `journal ${language}`);
      const runs = (await detail().locator('.run').textContent()) ?? '';
      expectNoInternals(runs, `runs ${language}`);
      await page.screenshot({ path: path.join(screenshotDir, `labels-detail-${language}.png`) });
    }
    await inLanguage('ja');
  });

  it('the robot console says its errors and steps in every language, without internal names', async () => {
    await page.click('nav.screens button[data-screen=robot]');
    const errors = page.locator('[aria-labelledby=robot-errors]');
    for (const language of languages) {
      await inLanguage(language);
      await poll(() => page.locator('#robot-title').isVisible()).toBe(true);
      const shown = (await page.locator('main').textContent()) ?? '';
      expectNoInternals(shown, `robot console ${language}`);
      if ((await errors.locator('td.error').count()) > 0 && language !== 'ja') {
        expect(await errors.locator('td.error').first().textContent()).not.toMatch(/[\u3040-\u30ff]/);
      }
      await page.screenshot({ path: path.join(screenshotDir, `labels-robot-${language}.png`) });
    }
    await inLanguage('ja');
  });
});
