import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EcforceInspection } from './inspection';
import { SEEDED_CUSTOMERS } from './seed';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { signedInClient } from './testing';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function control(path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: body === undefined && path.endsWith('inspect') ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

describe('/_sandbox', () => {
  it('inspects orders with memo, subscriptions, customers and members without passwords', async () => {
    const { status, json } = await control('/_sandbox/inspect');
    expect(status).toBe(200);
    const inspection = json as EcforceInspection;
    expect(inspection.orders.length).toBeGreaterThan(0);
    expect(inspection.orders[0]).toHaveProperty('memo');
    expect(inspection.orders[0]).toHaveProperty('customerNumber');
    expect(inspection.customers.map((c) => c.name)).toEqual(expect.arrayContaining(['佐藤 美咲🌸', 'ＴＡＮＡＫＡ　結衣', '齋藤 ｻｸﾗ']));
    expect(inspection.accounts.map((a) => a.email)).toContain('no-create@example.jp');
    for (const account of sandbox.accounts) expect(JSON.stringify(inspection)).not.toContain(account.password);
  });

  it('records every POST with path, masked fields, member and time', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin/orders/1/edit');
    await client.post('/admin/orders/1', { _method: 'patch', 'order[memo]': 'メモ' });
    const { json } = await control('/_sandbox/inspect');
    const posts = (json as EcforceInspection).posts;
    expect(posts.map((p) => p.path)).toEqual(['/admin/sign_in', '/admin/orders/1']);
    expect(posts[1]).toMatchObject({ account: 'robot@example.jp', mutated: true, status: 302, fields: { 'order[memo]': 'メモ' } });
    expect(Date.parse(posts[1]!.at)).not.toBeNaN();
  });

  it('seeds products, customers, subscriptions and orders, and refuses unknown references', async () => {
    const seeded = await control('/_sandbox/seed', {
      products: [{ code: 'TEST-001', name: 'テスト商品🧪', kind: '単品', price: 1200 }],
      customers: [{ number: '30000001', name: 'ｔｅｓｔ　太郎', email: 'taro@example.jp' }],
      subscriptions: [{ customerNumber: '30000001', productCode: 'SUB-SKN-001', memo: '次回は月末にお届け' }],
      orders: [{ customerNumber: '30000001', productCode: 'TEST-001', memo: '初回' }],
    });
    expect(seeded.status).toBe(200);
    const inspection = sandbox.inspect();
    expect(inspection.products.some((p) => p.code === 'TEST-001')).toBe(true);
    expect(inspection.subscriptions.filter((s) => s.customerNumber === '30000001').map((s) => s.memo)).toEqual(['次回は月末にお届け']);
    expect(inspection.orders.filter((o) => o.customerNumber === '30000001').map((o) => o.memo)).toEqual(['初回']);
    expect((await control('/_sandbox/seed', { orders: [{ customerNumber: '30000001', productCode: 'NOPE' }] })).status).toBe(400);
    expect((await control('/_sandbox/seed', { unknown: [] })).status).toBe(400);
  });

  it('resets to the seeded shop', async () => {
    const before = sandbox.inspect();
    await control('/_sandbox/seed', { customers: [{ name: '追加 顧客' }] });
    await control('/_sandbox/faults', { layout: 'variant' });
    expect((await control('/_sandbox/reset', {})).status).toBe(200);
    const after = sandbox.inspect();
    expect(after.customers).toHaveLength(before.customers.length);
    expect(after.orders.map((o) => o.number)).toEqual(before.orders.map((o) => o.number));
    expect(after.faults.layout).toBe('standard');
    expect(after.customers.find((c) => c.number === SEEDED_CUSTOMERS.emojiName)?.name).toBe('陳 美玲✨😊');
  });

  it('moves the clock and expires sessions on request', async () => {
    const client = await signedInClient(sandbox);
    expect((await control('/_sandbox/expire-sessions', {})).json).toEqual({ expired: 1 });
    expect((await client.get('/admin')).location).toBe('/admin/sign_in');
    const moved = await control('/_sandbox/clock', { advanceSeconds: 3600 });
    expect(Date.parse((moved.json as { now: string }).now)).toBeGreaterThan(Date.now() + 3_500_000);
  });
});
