import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_CUSTOMERS } from './seed';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { flashTexts, pageHeading, signedInClient, textareaValue, type AdminClient } from './testing';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function orderFields(customerId: number, productId: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'order[customer_id]': String(customerId),
    'order[product_id]': String(productId),
    'order[quantity]': '2',
    'order[payment_method]': '後払い（コンビニ・郵便局・銀行）',
    'order[delivery_date]': '',
    'order[delivery_time]': '指定なし',
    'order[memo]': 'LINEクロスセル\nTANTO:req-001',
    ...extra,
  };
}

async function walkToConfirmation(client: AdminClient, customerNumber: string, productCode: string) {
  const search = await client.get(`/admin/orders/new?customer_type=existing&q[field]=number&q[keyword]=${customerNumber}`);
  const formLink = /href="(\/admin\/orders\/new\/form\?customer_id=(\d+))"/.exec(search.html);
  expect(formLink, 'a 注文画面へ link for the customer').not.toBeNull();
  const customerId = Number(formLink?.[2]);
  const searched = await client.get(`${formLink?.[1]}&product_search=${encodeURIComponent(productCode)}`);
  const choose = new RegExp(`<td>${productCode}</td>[\\s\\S]*?href="/admin/orders/new/form\\?customer_id=\\d+&amp;product_id=(\\d+)"`).exec(searched.html);
  const productId = Number(choose?.[1]);
  const chosen = await client.get(`/admin/orders/new/form?customer_id=${customerId}&product_id=${productId}`);
  expect(chosen.html).toContain(`<td>${productCode}</td>`);
  const confirm = await client.post('/admin/orders/confirm', orderFields(customerId, productId));
  return { customerId, productId, confirm };
}

describe('受注作成 → 確認 → 確定', () => {
  it('finds an existing customer by 顧客番号, 顧客ID or メールアドレス', async () => {
    const client = await signedInClient(sandbox);
    const byNumber = await client.get(`/admin/orders/new?customer_type=existing&q[field]=number&q[keyword]=${SEEDED_CUSTOMERS.emojiName}`);
    expect(byNumber.html).toContain('陳 美玲✨😊');
    expect(byNumber.html).toContain('注文画面へ');
    const byEmail = await client.get('/admin/orders/new?customer_type=existing&q[field]=email&q[keyword]=yui.tanaka%40example.co.jp');
    expect(byEmail.html).toContain('ＴＡＮＡＫＡ　結衣');
    const byId = await client.get('/admin/orders/new?customer_type=existing&q[field]=id&q[keyword]=1');
    expect(byId.html).toContain('山田 花子');
    const none = await client.get('/admin/orders/new?customer_type=existing&q[field]=number&q[keyword]=99999999');
    expect(none.html).toContain('該当する顧客が見つかりませんでした。');
  });

  it('creates exactly one order with a 10-digit 受注番号 and the memo, after a confirmation that creates nothing', async () => {
    const client = await signedInClient(sandbox);
    const before = sandbox.inspect().orders.length;
    const { confirm } = await walkToConfirmation(client, SEEDED_CUSTOMERS.noSubscription, 'SKN-002');
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('注文内容確認');
    expect(confirm.html).toContain('保湿化粧水 150mL');
    expect(sandbox.inspect().orders).toHaveLength(before);

    const created = await client.post('/admin/orders', orderFields(1, sandbox.store.productByCode('SKN-002')!.id));
    expect(created.status).toBe(302);
    const detail = await client.follow(created);
    expect(pageHeading(detail.html)).toBe('受注詳細');
    const orders = sandbox.inspect().orders;
    expect(orders).toHaveLength(before + 1);
    const order = orders.at(-1)!;
    expect(order.number).toMatch(/^\d{10}$/);
    expect(order).toMatchObject({ customerNumber: SEEDED_CUSTOMERS.noSubscription, memo: 'LINEクロスセル\nTANTO:req-001', createdBy: 'robot@example.jp' });
    expect(order.items).toEqual([expect.objectContaining({ code: 'SKN-002', quantity: 2, price: 3280 })]);
    expect(order.total).toBe(3280 * 2);
    expect(flashTexts(detail.html)).toContain(`受注を登録しました。（受注番号: ${order.number}）`);
    expect(textareaValue(detail.html, 'order_memo')).toBe('LINEクロスセル\nTANTO:req-001');
    expect(sandbox.inspect().posts.filter((p) => p.mutated).map((p) => p.path)).toEqual(['/admin/orders']);
  });

  it('creates a 定期受注 as well when the product is 定期', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin/orders/new');
    const product = sandbox.store.productByCode('SUB-HLT-001')!;
    const before = sandbox.inspect().subscriptions.length;
    await client.follow(await client.post('/admin/orders', orderFields(1, product.id)));
    const { subscriptions, orders } = sandbox.inspect();
    expect(subscriptions).toHaveLength(before + 1);
    const subscription = subscriptions.at(-1)!;
    expect(subscription).toMatchObject({ customerNumber: SEEDED_CUSTOMERS.noSubscription, productCode: 'SUB-HLT-001', status: '有効', orderCount: 1 });
    expect(subscription.number).toMatch(/^\d{10}$/);
    expect(orders.at(-1)?.subscriptionId).toBe(subscription.id);
  });

  it('shows the form again with errors for a bad quantity or no product', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin/orders/new/form?customer_id=1');
    const bad = await client.post('/admin/orders/confirm', orderFields(1, 2, { 'order[quantity]': '0' }));
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('数量は1〜99の整数で入力してください。');
    const noProduct = await client.post('/admin/orders/confirm', orderFields(1, 9999));
    expect(noProduct.html).toContain('商品を選択してください。');
  });

  it('creates nothing when 確定 is posted without the CSRF token', async () => {
    const client = await signedInClient(sandbox);
    const before = sandbox.inspect().orders.length;
    const answer = await client.post('/admin/orders', orderFields(1, 2), null);
    expect(answer.status).toBe(422);
    expect(sandbox.inspect().orders).toHaveLength(before);
  });

  it('escapes what it shows: a customer name with markup stays text', async () => {
    sandbox.seed({ customers: [{ number: '20000001', name: '<script>alert(1)</script> & 佐藤', email: 'x@example.jp' }] });
    const client = await signedInClient(sandbox);
    const page = await client.get('/admin/orders/new?customer_type=existing&q[field]=number&q[keyword]=20000001');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 佐藤');
    expect(page.html).not.toContain('<script>alert(1)');
  });
});
