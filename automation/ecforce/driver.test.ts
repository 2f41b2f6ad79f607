import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_CUSTOMERS, SEEDED_LOOKALIKE_MARKER } from '../../sandbox/ecforce/seed';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { driverFixture, launchTestBrowser, type DriverFixture } from './testing/browser-fixture';

let sandbox: EcforceSandbox;
let browser: Browser;
let fx: DriverFixture;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startEcforceSandbox(), launchTestBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  fx = await driverFixture(browser, sandbox);
});
afterEach(() => fx.dispose());

const mutations = () => sandbox.inspect().posts.filter((p) => p.mutated);

describe('ecforce driver', () => {
  it('signs in', async () => {
    await fx.driver.login();
    expect(sandbox.inspect().posts.map((p) => p.path)).toEqual(['/admin/sign_in']);
    expect(fx.logs).toContain('ecforce: ログインしました');
  });

  it('finds a customer by 顧客番号, names with emoji and full-width letters intact', async () => {
    expect(await fx.driver.findCustomer(SEEDED_CUSTOMERS.emojiName)).toEqual({
      customerNumber: SEEDED_CUSTOMERS.emojiName,
      name: '陳 美玲✨😊',
      phone: '080-5678-9012',
      customerId: '5',
    });
    expect((await fx.driver.findCustomer(SEEDED_CUSTOMERS.threeRunning)).name).toBe('ＴＡＮＡＫＡ　結衣');
  });

  it('creates one order with the marker in the 受注備考欄 and finds it by the marker', async () => {
    const before = sandbox.inspect().orders.length;
    const order = await fx.driver.createOrder({
      customerNumber: SEEDED_CUSTOMERS.oneRunning,
      productCode: 'SKN-002',
      productName: '保湿化粧水 150mL',
      quantity: 1,
      marker: 'TANTO:req-created-1',
    });
    expect(order.orderNumber).toMatch(/^\d{10}$/);
    expect(order.subscriptionNumber).toBeNull();
    const { orders } = sandbox.inspect();
    expect(orders).toHaveLength(before + 1);
    const created = orders.find((o) => o.number === order.orderNumber)!;
    expect(created).toMatchObject({ customerNumber: SEEDED_CUSTOMERS.oneRunning, memo: 'TANTO:req-created-1', paymentMethod: '代金引換' });
    expect(created.items).toEqual([expect.objectContaining({ code: 'SKN-002', name: '保湿化粧水 150mL', quantity: 1 })]);
    expect(String(created.id)).toBe(order.orderId);
    expect(mutations().map((p) => p.path)).toEqual(['/admin/orders']);

    expect(await fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.oneRunning, 'TANTO:req-created-1')).toEqual(order);
    expect(await fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.oneRunning, 'TANTO:req-created')).toBeNull();
    expect(await fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.noSubscription, 'TANTO:req-created-1')).toBeNull();
  });

  it('never creates a second order for the same marker', async () => {
    const input = { customerNumber: SEEDED_CUSTOMERS.noSubscription, productCode: 'SKN-001', productName: '薬用美白美容液 30mL', quantity: 2, marker: 'TANTO:req-twice' };
    const first = await fx.driver.createOrder(input);
    const second = await fx.driver.createOrder(input);
    expect(second).toEqual(first);
    expect(sandbox.inspect().orders.filter((o) => o.memo.includes('TANTO:req-twice'))).toHaveLength(1);
    expect(fx.logs.some((l) => l.includes('既にあるため作成しません'))).toBe(true);
  });

  it('does not take a lookalike marker for its own', async () => {
    expect(await fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.threeRunning, 'TANTO:seed-request-1')).toBeNull();
    expect(await fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.threeRunning, SEEDED_LOOKALIKE_MARKER)).not.toBeNull();
  });

  it('orders a 定期 product with a chosen payment method and returns the 定期受注番号 of the subscription it started', async () => {
    const input = {
      customerNumber: SEEDED_CUSTOMERS.noSubscription,
      productCode: 'SUB-HLT-001',
      productName: '【定期】青汁 30包',
      quantity: 1,
      marker: 'TANTO:req-sub',
      paymentMethod: 'クレジットカード',
    };
    const subscriptionsBefore = sandbox.inspect().subscriptions.length;
    const order = await fx.driver.createOrder(input);
    const { orders, subscriptions } = sandbox.inspect();
    expect(subscriptions).toHaveLength(subscriptionsBefore + 1);
    const created = orders.find((o) => o.number === order.orderNumber)!;
    expect(created.paymentMethod).toBe('クレジットカード');
    const started = subscriptions.find((s) => s.id === created.subscriptionId)!;
    expect(started).toMatchObject({ customerNumber: SEEDED_CUSTOMERS.noSubscription, productCode: 'SUB-HLT-001' });
    expect(order.subscriptionNumber).toBe(started.number);
    const subs = await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.noSubscription);
    expect(subs).toEqual([expect.objectContaining({ number: started.number, productCode: 'SUB-HLT-001', productName: '【定期】青汁 30包', status: 'running', orderCount: 1 })]);

    const postsBefore = sandbox.inspect().posts.length;
    expect(await fx.driver.createOrder(input)).toEqual(order);
    expect(await fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.noSubscription, 'TANTO:req-sub')).toEqual(order);
    const after = sandbox.inspect();
    expect(after.orders).toHaveLength(orders.length);
    expect(after.subscriptions).toHaveLength(subscriptions.length);
    expect(after.posts).toHaveLength(postsBefore);
  });

  it('lists subscriptions with their status for customers with 0, 1 and 3 running', async () => {
    expect(await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.noSubscription)).toEqual([]);
    const one = await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.oneRunning);
    expect(one.filter((s) => s.status === 'running')).toHaveLength(1);
    const three = await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning);
    expect(three.map((s) => s.status).sort()).toEqual(['cancelled', 'running', 'running', 'running', 'stopped']);
    const expected = sandbox.inspect().subscriptions.filter((s) => s.customerNumber === SEEDED_CUSTOMERS.threeRunning);
    expect(three.map((s) => s.id).sort()).toEqual(expected.map((s) => String(s.id)).sort());
    for (const s of three) expect(s.number).toMatch(/^\d{10}$/);
  });

  it('stops every running subscription, and stopping one already stopped changes nothing', async () => {
    const running = (await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning)).filter((s) => s.status === 'running');
    for (const s of running) await fx.driver.stopSubscription(s.id);
    const after = await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning);
    expect(after.filter((s) => s.status === 'running')).toEqual([]);
    expect(after.filter((s) => s.status === 'cancelled')).toHaveLength(1);
    const mutated = mutations().length;
    await fx.driver.stopSubscription(running[0]!.id);
    expect(mutations()).toHaveLength(mutated);
  });

  it('appends to the 受注備考欄, keeping what is there, once', async () => {
    const order = await fx.driver.createOrder({
      customerNumber: SEEDED_CUSTOMERS.halfWidthKana,
      productCode: 'SKN-002',
      productName: '保湿化粧水 150mL',
      quantity: 1,
      marker: 'TANTO:req-memo',
    });
    await fx.driver.writeMemo(order.orderNumber, 'LINEワンタップクロスセル（化粧水）🌸');
    await fx.driver.writeMemo(order.orderNumber, 'LINEワンタップクロスセル（化粧水）🌸');
    expect(sandbox.inspect().orders.find((o) => o.number === order.orderNumber)?.memo).toBe('TANTO:req-memo\nLINEワンタップクロスセル（化粧水）🌸');
  });

  it('writes into a memo staff already filled', async () => {
    const target = sandbox.inspect().orders.find((o) => o.memo === 'ギフト包装希望') ?? sandbox.inspect().orders[0]!;
    await fx.driver.writeMemo(target.number, '追記テスト');
    expect(sandbox.inspect().orders.find((o) => o.id === target.id)?.memo).toBe(target.memo ? `${target.memo}\n追記テスト` : '追記テスト');
  });

  it('appends to the 定期受注備考欄 found by its 定期受注番号, keeping what staff wrote, once, and touches no other subscription', async () => {
    const staffMemo = 'お客様希望：次回は月末にお届け\n同梱物：サンプル追加';
    const [target] = sandbox.seed({ subscriptions: [{ customerNumber: SEEDED_CUSTOMERS.threeRunning, productCode: 'SUB-SKN-001', memo: staffMemo }] }).subscriptions;
    const others = () =>
      sandbox
        .inspect()
        .subscriptions.filter((s) => s.id !== target!.id)
        .map(({ id, memo, updatedAt }) => ({ id, memo, updatedAt }));
    const othersBefore = others();
    const text = 'LINEワンタップクロスセル（化粧水）🌸 TANTO:req-subs-memo';
    await fx.driver.writeSubscriptionMemo(target!.number, text);
    await fx.driver.writeSubscriptionMemo(target!.number, text);
    expect(sandbox.inspect().subscriptions.find((s) => s.id === target!.id)?.memo).toBe(`${staffMemo}\n${text}`);
    expect(others()).toEqual(othersBefore);
    expect(mutations().map((p) => p.path)).toEqual([`/admin/subs_orders/${target!.id}`]);
    expect(fx.logs.some((l) => l.includes('既に書き込み済みです'))).toBe(true);
  });

  it('writes the memo of the subscription a cross-sell order started', async () => {
    const order = await fx.driver.createOrder({
      customerNumber: SEEDED_CUSTOMERS.emojiName,
      productCode: 'SUB-HLT-001',
      productName: '【定期】青汁 30包',
      quantity: 1,
      marker: 'TANTO:req-started',
    });
    await fx.driver.writeSubscriptionMemo(order.subscriptionNumber!, 'LINEワンタップクロスセル');
    const { subscriptions } = sandbox.inspect();
    expect(subscriptions.find((s) => s.number === order.subscriptionNumber)?.memo).toBe('LINEワンタップクロスセル');
    expect(subscriptions.filter((s) => s.memo.includes('LINEワンタップクロスセル'))).toHaveLength(1);
  });

  it('leaves no artifacts behind when every flow succeeds', async () => {
    await fx.driver.findCustomer(SEEDED_CUSTOMERS.noSubscription);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(fx.artifactsDir)).toEqual([]);
  });
});
