import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_CUSTOMERS, SEEDED_LOOKALIKE_MARKER } from './seed';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { flashTexts, pageHeading, signedInClient, textareaValue } from './testing';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const rowsOf = (html: string) => [...html.matchAll(/<tr data-order-id="(\d+)">/g)].map((m) => Number(m[1]));

describe('受注管理 list', () => {
  it('pages twenty at a time with a count line and next/previous links', async () => {
    const client = await signedInClient(sandbox);
    const total = sandbox.inspect().orders.length;
    expect(total).toBeGreaterThan(40);
    const first = await client.get('/admin/orders');
    expect(rowsOf(first.html)).toHaveLength(20);
    expect(first.html).toContain(`全 ${total} 件中 1〜20 件を表示`);
    expect(first.html).toContain('rel="next"');
    const second = await client.get('/admin/orders?page=2');
    expect(second.html).toContain(`全 ${total} 件中 21〜40 件を表示`);
    expect(second.html).toContain('rel="prev"');
    expect(rowsOf(second.html).some((id) => rowsOf(first.html).includes(id))).toBe(false);
  });

  it('searches by 顧客番号 and by 受注備考 text', async () => {
    const client = await signedInClient(sandbox);
    const byCustomer = await client.get(`/admin/orders?q[customer_number]=${SEEDED_CUSTOMERS.threeRunning}`);
    const expected = sandbox.inspect().orders.filter((o) => o.customerNumber === SEEDED_CUSTOMERS.threeRunning).map((o) => o.id);
    expect(rowsOf(byCustomer.html).sort()).toEqual(expected.sort());
    const byMemo = await client.get(`/admin/orders?q[memo_cont]=${encodeURIComponent(SEEDED_LOOKALIKE_MARKER)}`);
    expect(rowsOf(byMemo.html)).toHaveLength(1);
    const none = await client.get('/admin/orders?q[memo_cont]=TANTO%3Anothing-like-this');
    expect(none.html).toContain('該当する受注はありません。');
  });
});

describe('受注詳細 基本設定', () => {
  it('saves the 受注備考欄 with a flash message', async () => {
    const client = await signedInClient(sandbox);
    const id = sandbox.inspect().orders[0]!.id;
    const edit = await client.get(`/admin/orders/${id}/edit`);
    expect(pageHeading(edit.html)).toBe('受注詳細');
    expect(edit.html).toContain('aria-selected="true">基本設定</a>');
    const saved = await client.post(`/admin/orders/${id}`, { _method: 'patch', 'order[state]': '新規受付', 'order[memo]': '既存メモ\r\nTANTO:abc 追記' });
    expect(saved.location).toBe(`/admin/orders/${id}/edit`);
    const after = await client.follow(saved);
    expect(flashTexts(after.html)).toContain('受注を更新しました。');
    expect(textareaValue(after.html, 'order_memo')).toBe('既存メモ\nTANTO:abc 追記');
    expect(sandbox.inspect().orders.find((o) => o.id === id)?.memo).toBe('既存メモ\nTANTO:abc 追記');
    expect(sandbox.inspect().posts.at(-1)).toMatchObject({ path: `/admin/orders/${id}`, mutated: true, account: 'robot@example.jp' });
  });

  it('shows the 定期受注番号 of the subscription an order belongs to, and - for a single order, in either layout', async () => {
    const client = await signedInClient(sandbox);
    const { orders, subscriptions } = sandbox.inspect();
    const child = orders.find((o) => o.subscriptionId !== null)!;
    const single = orders.find((o) => o.subscriptionId === null)!;
    const number = subscriptions.find((s) => s.id === child.subscriptionId)!.number;
    expect((await client.get(`/admin/orders/${child.id}/edit`)).html).toContain(`<dt>定期受注番号</dt><dd>${number}</dd>`);
    expect((await client.get(`/admin/orders/${single.id}/edit`)).html).toContain('<dt>定期受注番号</dt><dd>-</dd>');
    sandbox.setFaults({ layout: 'variant' });
    const variant = await client.get(`/admin/orders/${child.id}/edit`);
    expect(variant.html).toContain(`<dt>定期No.</dt><dd>${number}</dd>`);
    expect(variant.html).not.toContain('<dt>定期受注番号</dt>');
  });

  it('answers 404 for an order that does not exist', async () => {
    const client = await signedInClient(sandbox);
    expect((await client.get('/admin/orders/999999/edit')).status).toBe(404);
  });
});
