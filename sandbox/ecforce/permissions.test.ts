import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { pageHeading, signedInClient } from './testing';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('member roles', () => {
  it.each([
    ['no-create@example.jp', '/admin/orders/new?customer_type=existing'],
    ['no-create@example.jp', '/admin/orders/new/form?customer_id=1'],
    ['no-orders@example.jp', '/admin/orders'],
    ['no-orders@example.jp', '/admin/orders/1/edit'],
    ['no-subs@example.jp', '/admin/subs_orders'],
    ['no-subs@example.jp', '/admin/subs_orders/1/edit'],
  ])('%s gets 403 「権限がありません」 on %s', async (email, path) => {
    const client = await signedInClient(sandbox, email);
    const answer = await client.get(path);
    expect(answer.status).toBe(403);
    expect(pageHeading(answer.html)).toBe('権限がありません');
    expect(answer.html).toContain('このページを表示する権限がありません');
  });

  it('refuses the POSTs of a screen the member may not use, changing nothing', async () => {
    const noCreate = await signedInClient(sandbox, 'no-create@example.jp');
    await noCreate.get('/admin');
    const before = sandbox.inspect().orders.length;
    const create = await noCreate.post('/admin/orders', {
      'order[customer_id]': '1',
      'order[product_id]': '2',
      'order[quantity]': '1',
      'order[payment_method]': '代金引換',
    });
    expect(create.status).toBe(403);
    expect(sandbox.inspect().orders).toHaveLength(before);

    const noSubs = await signedInClient(sandbox, 'no-subs@example.jp');
    await noSubs.get('/admin');
    const running = sandbox.inspect().subscriptions.find((s) => s.status === '有効');
    const stop = await noSubs.post(`/admin/subs_orders/${running?.id}/suspend`);
    expect(stop.status).toBe(403);
    expect(sandbox.inspect().subscriptions.find((s) => s.id === running?.id)?.status).toBe('有効');
    expect(sandbox.inspect().posts.filter((p) => p.mutated)).toEqual([]);
  });

  it('lets the robot login use all three screens', async () => {
    const client = await signedInClient(sandbox);
    for (const path of ['/admin/orders/new', '/admin/orders', '/admin/subs_orders']) {
      expect((await client.get(path)).status).toBe(200);
    }
  });
});
