import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxControl } from '../../electron/core/sync/sync-test-support';
import { screenshotDir, startUiWorld, type UiWorld, writeScreenshot } from './ui-world';

let world: UiWorld;
let page: Page;

const fact = (name: string) => page.locator(`.sync-facts [data-fact=${name}]`).textContent();
const rejectedRows = () => page.locator('.sync-rejected tbody tr');
const quarantinedRows = () => page.locator('.sync-quarantined tbody tr');

async function call<T>(name: string, args: unknown): Promise<T> {
  const outcome = await world.core.api.call(name, args);
  if ('error' in outcome) throw new Error(`${name}: ${outcome.error.kind} ${outcome.error.message}`);
  return outcome.result as T;
}

/** A member and a tag of the replica that the member does not carry. */
function untagged(): { memberId: number; tagId: number } {
  return world.core.db
    .prepare(
      `SELECT m.id AS memberId, t.id AS tagId FROM members m CROSS JOIN tags t
       WHERE NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id AND mt.tag_id = t.id)
       ORDER BY m.id, t.id LIMIT 1`,
    )
    .get() as { memberId: number; tagId: number };
}

beforeAll(async () => {
  world = await startUiWorld({ members: 100 });
  page = await world.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(world.shell.url);
  await page.click('nav.screens button[data-screen=sync]');
  await page.locator('#sync-title').waitFor();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('sync status in Chromium against the headless shell', () => {
  it('shows the last sync, no lag, an empty outbox and empty lists after the first sync', async () => {
    expect(await page.locator('#sync-title').textContent()).toBe('同期状況');
    await expect.poll(() => fact('pending')).toBe('0 件');
    expect(await fact('lag')).toBe('0 件');
    expect(await fact('lastPullAt')).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    expect(await fact('lastPushAt')).toBe('未実施');
    expect(await fact('lastError')).toBe('同期済み');
    expect(await page.locator('header.topbar .badge').textContent()).toBe('同期済み');
    expect(await page.locator('.sync-facts').textContent()).not.toContain('カーソル');
    expect(await page.getByText('拒否された操作はありません。').isVisible()).toBe(true);
    expect(await page.getByText('隔離した変更はありません。').isVisible()).toBe(true);
  });

  it('counts an operation waiting in the outbox', async () => {
    const { memberId, tagId } = untagged();
    // The cloud forgets the tag without telling the feed, so it will refuse the operation.
    world.cloud.store.tags.delete(tagId);
    await call('members.addTag', { memberId, tagId, staff: '同期テスト' });
    await expect.poll(() => fact('pending')).toBe('1 件');
    expect(await page.locator('.sync-facts [data-fact=pending]').getAttribute('class')).toBe('warning');
    expect(await rejectedRows().count()).toBe(0);
  });

  it('sync now lists the rejected operation and the quarantined change with their reasons', async () => {
    const { tagId } = world.core.db.prepare("SELECT json_extract(payload, '$.tagId') AS tagId FROM outbox").get() as { tagId: number };
    const malformed = await sandboxControl(world.cloud).corrupt('malformed');
    const unknownEntity = await sandboxControl(world.cloud).corrupt('unknown_entity');

    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await expect.poll(() => page.locator('.sync-result').textContent()).toBe('同期しました: 送信 0 件・拒否 1 件・取得 0 件・隔離 2 件');

    await expect.poll(() => rejectedRows().count()).toBe(1);
    const rejected = rejectedRows().first();
    const { memberId, displayName, tagName } = world.core.db
      .prepare(
        `SELECT m.id AS memberId, m.display_name AS displayName, t.name AS tagName FROM outbox o
         JOIN members m ON m.id = json_extract(o.payload, '$.memberId') JOIN tags t ON t.id = json_extract(o.payload, '$.tagId')`,
      )
      .get() as { memberId: number; displayName: string; tagName: string };
    // What the operation was about, in the shop's words, what the refusal means, and the cloud's reason behind 詳細.
    // The names come from outside and are isolated in the sentence.
    expect(await rejected.locator('[data-kind]').textContent()).toBe(`タグの追加: \u2068${displayName}\u2069（会員 ${memberId}）に「\u2068${tagName}\u2069」`);
    expect(await rejected.locator('td.error .sync-why').textContent()).toBe('操作の対象がクラウドにありません（削除された可能性があります）。内容を確かめて、必要なら操作をやり直してください。');
    expect(await rejected.locator('td.error .sync-reason').isVisible()).toBe(false);
    await rejected.locator('td.error summary', { hasText: '詳細' }).click();
    expect(await rejected.locator('td.error .sync-reason').textContent()).toBe(`unknown tag ${tagId}`);
    const log = (await sandboxControl(world.cloud).inspect()).mutations.log;
    const opId = log.find((m) => m.kind === 'memberTag.add')?.opId;
    expect(await rejected.getAttribute('data-op-id')).toBe(opId);
    // The operation's id is for support, so it is in the detail too, not a column of its own.
    expect(await rejected.locator('td.error .sync-reason-more').textContent()).toBe(`操作ID: ${opId}`);
    expect(await page.locator('.sync-rejected thead').textContent()).not.toContain('操作ID');

    expect(await quarantinedRows().evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))))).toEqual([malformed.seq, unknownEntity.seq]);
    const sentences = await quarantinedRows().locator('td.error .sync-why').allTextContents();
    expect(sentences).toEqual([
      'クラウドから届いた会員のデータが正しくないため、反映していません。ほかの変更は反映しています。番号を添えてサポートに連絡してください。',
      'この版の Tanto が知らない種類のデータが届いたため、反映していません。Tanto を最新版に更新してください。',
    ]);
    expect(await quarantinedRows().locator('td[data-entity]').allTextContents()).toEqual(['会員', '不明']);
    // The parser's words stay behind 詳細.
    const reasons = await quarantinedRows().locator('td.error .sync-reason').allTextContents();
    expect(reasons[0]).toMatch(/^invalid member upsert: /);
    expect(reasons[1]).toBe('unknown entity "coupon"');

    expect(await fact('pending')).toBe('0 件');
    expect(await fact('lag')).toBe('0 件');
    expect(await fact('lastPushAt')).not.toBe('未実施');
    expect(await fact('lastError')).toBe('同期済み');
    await writeScreenshot(page, 'sync.png');
  });

  it('a failing sync says why, and the next one recovers', async () => {
    await sandboxControl(world.cloud).faults({ outage: true });
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    // The pull retries with backoff before it gives up.
    // What failed and what to do, in the shop's words, and since when: never the cloud's own error text.
    await expect.poll(() => fact('lastError'), { timeout: 30_000 }).toMatch(/^クラウドの変更を取得できませんでした。クラウドでエラーが起きています。.+から同期できていません。$/);
    expect(await fact('lastError')).not.toMatch(/HTTP|GET|\/v1\//);
    await expect.poll(() => page.locator('header.topbar .badge').textContent()).toMatch(/^オフライン（\d{2}:\d{2} から）$/);
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);

    await sandboxControl(world.cloud).faults({ reset: true });
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await expect.poll(() => fact('lastError')).toBe('同期済み');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    expect(await rejectedRows().count()).toBe(1);
  });

  it("the member's page shows the refused tag change with the cloud's reason", async () => {
    const row = world.core.db.prepare("SELECT payload FROM outbox WHERE state = 'rejected'").pluck().get() as string;
    const { memberId, tagId } = JSON.parse(row) as { memberId: number; tagId: number };
    const email = world.core.db.prepare('SELECT email FROM members WHERE id = ?').pluck().get(memberId) as string;
    await page.click('nav.screens button[data-screen=members]');
    await page.fill('input[name=member-query]', email);
    await page.click(`.member-results tr[data-id="${memberId}"] .member-open`);
    const history = page.locator('.member-page .member-tag-history tbody tr').first();
    await expect.poll(() => history.getAttribute('data-state')).toBe('rejected');
    expect(await history.textContent()).toContain(`unknown tag ${tagId}`);
    expect(await page.locator('.member-tag-rejected').textContent()).toContain('操作の対象がクラウドにありません');
    expect(await page.locator('.member-tag-rejected details').textContent()).toBe(`詳細unknown tag ${tagId}`);
    // Refused, so the tag is not shown as the member's.
    expect(await page.locator(`.member-page .member-tag[data-tag-id="${tagId}"]`).count()).toBe(0);
    await page.click('nav.screens button[data-screen=sync]');
  });

  it('labels the lists in English too', async () => {
    await page.selectOption('.language select', 'en');
    await expect.poll(() => page.locator('#sync-title').textContent()).toBe('Sync status');
    expect(await page.locator('#sync-rejected-title').textContent()).toContain('Operations the cloud refused');
    expect(await rejectedRows().first().locator('[data-kind]').textContent()).toMatch(/^Tag added: “.+” to .+ \(member \d+\)$/);
    await page.selectOption('.language select', 'ja');
  });

  it('says which LOC request an operation refused as a request was about, and why', async () => {
    const requestId = world.core.db.prepare('SELECT id FROM loc_requests ORDER BY id LIMIT 1').pluck().get() as number;
    world.core.db
      .prepare(
        `INSERT INTO outbox (op_id, kind, payload, state, attempts, created_at, rejected_reason, rejected_at)
         VALUES ('legacy-op', 'loc.setStatus', ?, 'rejected', 1, ?, 'HTTP 400 invalid_request: operations.0.opId: Invalid UUID', ?)`,
      )
      .run(JSON.stringify({ requestId, status: 'queued' }), new Date().toISOString(), new Date().toISOString());
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await expect.poll(() => rejectedRows().count()).toBe(2);
    const row = page.locator('.sync-rejected tbody tr[data-op-id="legacy-op"]');
    expect(await row.locator('[data-kind]').textContent()).toBe(`LOC 申請 ${requestId} のステータス変更（ロボット待ちへ）`);
    // Kept before refusals had codes: its HTTP status is said, the cloud's words are the detail.
    expect(await row.locator('td.error .sync-why').textContent()).toBe('クラウドがこの操作を受け付けませんでした（HTTP 400）');
    expect(await row.locator('td.error .sync-reason').textContent()).toBe('HTTP 400 invalid_request: operations.0.opId: Invalid UUID');
  });
});
