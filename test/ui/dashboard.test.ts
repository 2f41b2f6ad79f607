import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { screenshotDir, startUiWorld, type UiWorld, writeScreenshot } from './ui-world';

let world: UiWorld;
let page: Page;

/** The seeded shop's statuses are random; a few certain needs_manual requests make the filter's test meaningful. */
function addNeedsManualRequests(cloud: CloudSandbox): void {
  const template = [...cloud.store.locRequests.values()][0]!;
  for (let n = 0; n < 3; n += 1) {
    cloud.store.upsert('loc_request', {
      ...template,
      id: cloud.store.nextId('loc_request'),
      status: 'needs_manual',
      completionStatus: null,
      completedAt: null,
      note: '商品コードがカートの商品マスタと一致しません',
    });
  }
}

const rows = () => page.locator('.loc-row[data-id]');

async function rowIds(): Promise<number[]> {
  return (await rows().evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))).sort((a, b) => a - b);
}

beforeAll(async () => {
  world = await startUiWorld({ members: 300, seedCloud: addNeedsManualRequests });
  page = await world.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('LOC dashboard in Chromium against the headless shell', () => {
  it("lists the cloud's open LOC requests", async () => {
    const cloudIds = [...world.cloud.store.locRequests.values()].filter((r) => r.status !== 'done').map((r) => r.id).sort((a, b) => a - b);
    expect(cloudIds.length).toBeLessThan(world.cloud.store.locRequests.size);
    await page.goto(world.shell.url);
    // The first page waits on the app's start-up calls; a loaded machine can take seconds.
    await expect.poll(rowIds, { timeout: 15_000 }).toEqual(cloudIds);
    expect(await page.getByTestId('loc-total').textContent()).toBe(`${cloudIds.length}件`);
    await expect.poll(() => page.locator('#loc-title').textContent()).toContain('LOCダッシュボード');
  });

  it('filtering by needs_manual shows only those', async () => {
    const needsManual = [...world.cloud.store.locRequests.values()].filter((r) => r.status === 'needs_manual').map((r) => r.id);
    await page.selectOption('select[name=status]', 'needs_manual');
    await expect.poll(rowIds).toEqual(needsManual.sort((a, b) => a - b));
    const statuses = await rows().locator('.status').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['手動対応']));
  });

  it('opens a request in the detail pane', async () => {
    const first = rows().first();
    const id = Number(await first.getAttribute('data-id'));
    const request = world.cloud.store.locRequests.get(id)!;
    const member = world.cloud.store.members.get(request.memberId)!;
    await first.click();
    const detail = page.locator('.loc-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(`LOC申請 #${id}`);
    await expect.poll(() => detail.textContent()).toContain(member.displayName);
    expect(await detail.textContent()).toContain('商品コードがカートの商品マスタと一致しません');
    expect(await detail.getByRole('button', { name: 'ロボットで再実行' }).isVisible()).toBe(true);
    await writeScreenshot(page, 'dashboard.png');
  });

  it('switching the language changes the dashboard labels', async () => {
    const labels = async () => ({
      title: await page.locator('#loc-title').textContent(),
      headers: await page.locator('.loc-head [role=columnheader]').allTextContents(),
      status: await rows().first().locator('.status').textContent(),
      retry: await page.locator('.loc-detail button.primary').textContent(),
    });
    await page.selectOption('.language select', 'en');
    await expect.poll(labels).toEqual({
      title: '3BO › LOC dashboard',
      headers: ['ID', 'Applicant', 'Kind', 'Product', 'Status', 'Age', 'Robot result'],
      status: 'Needs manual',
      retry: 'Retry with the robot',
    });
    await page.selectOption('.language select', 'zh-TW');
    await expect.poll(labels).toEqual({
      title: '3BO › LOC 儀表板',
      headers: ['ID', '申請人', '類型', '商品', '狀態', '經過時間', '機器人結果'],
      status: '需人工處理',
      retry: '由機器人重新執行',
    });
    await page.selectOption('.language select', 'ja');
    await expect.poll(() => page.locator('#loc-title').textContent()).toBe('3BO › LOCダッシュボード');
  });

  it('「ロボットで再実行」 queues the request, journals it and takes it off the needs_manual list', async () => {
    const detail = page.locator('.loc-detail');
    const id = Number((await detail.locator('h2').textContent())!.replace(/\D/g, ''));
    await detail.getByRole('button', { name: 'ロボットで再実行' }).click();
    await expect.poll(() => detail.locator('.facts .status').first().textContent()).toBe('ロボット待ち');
    await expect.poll(() => detail.locator('.journal tbody tr').last().textContent()).toContain('スタッフ');
    await expect.poll(rowIds).not.toContain(id);
  });

  it('follows changes from the cloud without a reload', async () => {
    const before = await rowIds();
    const changed = world.cloud.store.locRequests.get(before[0]!)!;
    world.cloud.store.upsert('loc_request', { ...changed, status: 'done', completionStatus: '対応完了', completedAt: changed.updatedAt });
    await world.core.sync.now();
    await expect.poll(rowIds).toEqual(before.slice(1));
  });

  it('the robot console says why the robot is unavailable here', async () => {
    await page.click('nav.screens button[data-screen=robot]');
    await expect.poll(() => page.getByTestId('robot-availability').textContent()).toContain('利用できません');
    expect(await page.locator('#robot-queue').isVisible()).toBe(true);
    await writeScreenshot(page, 'robot-console.png');
  });

  it('the navigation reaches members and sync', async () => {
    await page.click('nav.screens button[data-screen=members]');
    await expect.poll(() => page.locator('#members-title').textContent()).toBe('会員検索');
    await page.click('nav.screens button[data-screen=sync]');
    await expect.poll(() => page.locator('#sync-title').textContent()).toBe('同期状況');
    await page.click('nav.screens button[data-screen=dashboard]');
    await expect.poll(() => page.locator('#loc-title').isVisible()).toBe(true);
  });
});
