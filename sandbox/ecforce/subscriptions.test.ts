import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_CUSTOMERS } from './seed';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { flashTexts, pageHeading, signedInClient, textareaValue } from './testing';
import { SUSPEND_CONFIRMATION } from './views/subscription-edit';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const running = (customerNumber: string) =>
  sandbox.inspect().subscriptions.filter((s) => s.customerNumber === customerNumber && s.status === '有効');

describe('定期受注管理', () => {
  it('seeds customers with 0, 1 and 3 running subscriptions besides stopped and cancelled ones', () => {
    expect(running(SEEDED_CUSTOMERS.noSubscription)).toHaveLength(0);
    expect(running(SEEDED_CUSTOMERS.oneRunning)).toHaveLength(1);
    expect(running(SEEDED_CUSTOMERS.threeRunning)).toHaveLength(3);
    const all = sandbox.inspect().subscriptions.filter((s) => s.customerNumber === SEEDED_CUSTOMERS.threeRunning);
    expect(all.map((s) => s.status).sort()).toEqual(['キャンセル', '停止', '有効', '有効', '有効']);
    for (const s of all) expect(s.number).toMatch(/^\d{10}$/);
  });

  it('lists a customer’s subscriptions with 定期受注番号, product, 定期内受注数 and ステータス', async () => {
    const client = await signedInClient(sandbox);
    const list = await client.get(`/admin/subs_orders?q[customer_number]=${SEEDED_CUSTOMERS.threeRunning}`);
    expect(pageHeading(list.html)).toBe('定期受注管理');
    expect([...list.html.matchAll(/<tr data-subs-order-id=/g)]).toHaveLength(5);
    const [first] = running(SEEDED_CUSTOMERS.threeRunning);
    expect(list.html).toContain(`<td>${first!.number}</td>`);
    expect(list.html).toContain('<th scope="col">定期内受注数</th>');
    const onlyRunning = await client.get(`/admin/subs_orders?q[customer_number]=${SEEDED_CUSTOMERS.threeRunning}&q[status]=%E6%9C%89%E5%8A%B9`);
    expect([...onlyRunning.html.matchAll(/<tr data-subs-order-id=/g)]).toHaveLength(3);
  });

  it('finds one subscription by its exact 定期受注番号, in either layout', async () => {
    const client = await signedInClient(sandbox);
    const [target] = running(SEEDED_CUSTOMERS.threeRunning);
    const found = await client.get(`/admin/subs_orders?q[number]=${target!.number}`);
    expect([...found.html.matchAll(/<tr data-subs-order-id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([target!.id]);
    expect(found.html).toContain('<label for="q_subs_number">定期受注番号</label>');
    expect(found.html).toContain(`name="q[number]" value="${target!.number}"`);
    const partial = await client.get(`/admin/subs_orders?q[number]=${target!.number.slice(0, -1)}`);
    expect(partial.html).toContain('該当する定期受注はありません。');
    sandbox.setFaults({ layout: 'variant' });
    const variant = await client.get(`/admin/subs_orders?q[number]=${target!.number}`);
    expect(variant.html).toContain('<label for="q_subs_number">定期No.</label>');
    expect([...variant.html.matchAll(/<tr data-subs-order-id=/g)]).toHaveLength(1);
  });

  it('saves the 定期受注備考欄 from the detail page with a flash message', async () => {
    const client = await signedInClient(sandbox);
    const target = running(SEEDED_CUSTOMERS.oneRunning)[0]!;
    const detail = await client.get(`/admin/subs_orders/${target.id}/edit`);
    expect(detail.html).toContain('<label for="subs_order_memo">定期受注備考欄</label>');
    const saved = await client.post(`/admin/subs_orders/${target.id}`, { _method: 'patch', 'subs_order[memo]': '既存メモ\r\nTANTO:abc 追記' });
    expect(saved.location).toBe(`/admin/subs_orders/${target.id}/edit`);
    const after = await client.follow(saved);
    expect(flashTexts(after.html)).toContain('定期受注を更新しました。');
    expect(textareaValue(after.html, 'subs_order_memo')).toBe('既存メモ\nTANTO:abc 追記');
    expect(sandbox.inspect().subscriptions.find((s) => s.id === target.id)).toMatchObject({ memo: '既存メモ\nTANTO:abc 追記', status: '有効' });
    expect(sandbox.inspect().posts.at(-1)).toMatchObject({ path: `/admin/subs_orders/${target.id}`, mutated: true });
  });

  it('stops a running subscription from its detail page, which asks for confirmation', async () => {
    const client = await signedInClient(sandbox);
    const target = running(SEEDED_CUSTOMERS.oneRunning)[0]!;
    const detail = await client.get(`/admin/subs_orders/${target.id}/edit`);
    expect(pageHeading(detail.html)).toBe('定期受注詳細');
    expect(detail.html).toContain(`data-confirm="${SUSPEND_CONFIRMATION}"`);
    const stopped = await client.post(`/admin/subs_orders/${target.id}/suspend`);
    const after = await client.follow(stopped);
    expect(flashTexts(after.html)).toContain('定期受注を停止しました。');
    expect(sandbox.inspect().subscriptions.find((s) => s.id === target.id)).toMatchObject({ status: '停止', nextDeliveryOn: null });
  });

  it('refuses to stop a stopped or cancelled subscription, changing nothing', async () => {
    const client = await signedInClient(sandbox);
    const subs = sandbox.inspect().subscriptions.filter((s) => s.customerNumber === SEEDED_CUSTOMERS.noneRunning);
    const stopped = subs.find((s) => s.status === '停止')!;
    const cancelled = subs.find((s) => s.status === 'キャンセル')!;
    await client.get('/admin/subs_orders');
    const again = await client.follow(await client.post(`/admin/subs_orders/${stopped.id}/suspend`));
    expect(flashTexts(again.html)).toContain('この定期受注は既に停止しています。');
    const refused = await client.follow(await client.post(`/admin/subs_orders/${cancelled.id}/suspend`));
    expect(flashTexts(refused.html)).toContain('キャンセル済みの定期受注は停止できません。');
    expect(refused.html).toContain('キャンセル済みの定期受注は操作できません。');
    expect(sandbox.inspect().posts.filter((p) => p.mutated)).toEqual([]);
  });

  it('refuses a stop without the CSRF token', async () => {
    const client = await signedInClient(sandbox);
    const target = running(SEEDED_CUSTOMERS.oneRunning)[0]!;
    expect((await client.post(`/admin/subs_orders/${target.id}/suspend`, {}, null)).status).toBe(422);
    expect(running(SEEDED_CUSTOMERS.oneRunning)).toHaveLength(1);
  });
});
