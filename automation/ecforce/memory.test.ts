import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
import { startEcforceSandbox, type AnsweredRequest, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { driverFixture, launchTestBrowser, type DriverFixture } from './testing/browser-fixture';

let sandbox: EcforceSandbox;
let browser: Browser;
let fx: DriverFixture;
const answered: AnsweredRequest[] = [];

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startEcforceSandbox({ observe: (r) => answered.push(r) }), launchTestBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  fx = await driverFixture(browser, sandbox);
  await fx.driver.login();
  answered.length = 0;
});
afterEach(() => fx.dispose());

const customer = SEEDED_CUSTOMERS.oneRunning;
const subscriptionOrder = (marker: string) => ({ customerNumber: customer, productCode: 'SUB-HLT-001', productName: '【定期】青汁 30包', quantity: 1, marker });
const mutations = () => sandbox.inspect().posts.filter((p) => p.mutated);
const pages = () => answered.splice(0).map((r) => `${r.method} ${decodeURIComponent(r.url)}`);

/** The robot's cart calls for one subscription cross-sell. */
async function crossSell(marker: string) {
  await fx.driver.findCustomer(customer);
  const order = await fx.driver.createOrder(subscriptionOrder(marker));
  const subscriptions = await fx.driver.listSubscriptions(customer);
  for (const s of subscriptions.filter((s) => s.status === 'running' && s.number !== order.subscriptionNumber)) await fx.driver.stopSubscription(s.id);
  await fx.driver.writeMemo(order.orderNumber, `${marker} 受注メモ`);
  await fx.driver.writeSubscriptionMemo(order.subscriptionNumber!, `${marker} 定期メモ`);
  return order;
}

describe('what a driver remembers of the site', () => {
  it('goes straight to pages it has seen: each search one page load, the order form, order and subscription by their ID', async () => {
    await crossSell('TANTO:warm-1');
    const cold = pages();
    const order = await crossSell('TANTO:warm-2');
    const warm = pages();
    expect(warm).toEqual([
      `GET /admin/orders/new?customer_type=existing&q[field]=number&q[keyword]=${customer}`,
      `GET /admin/orders?q[number]=&q[customer_number]=${customer}&q[memo_cont]=TANTO:warm-2`,
      expect.stringMatching(/^GET \/admin\/orders\/new\/form\?customer_id=\d+$/),
      expect.stringMatching(/product_search=SUB-HLT-001$/),
      expect.stringMatching(/product_id=\d+$/),
      'POST /admin/orders/confirm',
      'POST /admin/orders',
      `GET /admin/orders/${order.orderId}/edit`,
      `GET /admin/subs_orders?q[number]=&q[customer_number]=${customer}&q[status]=`,
      expect.stringMatching(/^GET \/admin\/subs_orders\/\d+\/edit$/),
      expect.stringMatching(/^POST \/admin\/subs_orders\/\d+\/suspend$/),
      expect.stringMatching(/^GET \/admin\/subs_orders\/\d+\/edit$/),
      `GET /admin/orders/${order.orderId}/edit`,
      `POST /admin/orders/${order.orderId}`,
      `GET /admin/orders/${order.orderId}/edit`,
      ...Array.from({ length: 3 }, () => expect.stringMatching(/^(GET|POST) \/admin\/subs_orders\/\d+(\/edit)?$/)),
    ]);
    expect(cold.length).toBeGreaterThan(warm.length);
    const { orders, subscriptions } = sandbox.inspect();
    expect(orders.find((o) => o.number === order.orderNumber)?.memo).toBe('TANTO:warm-2\nTANTO:warm-2 受注メモ');
    expect(subscriptions.find((s) => s.number === order.subscriptionNumber)?.memo).toBe('TANTO:warm-2 定期メモ');
    expect(subscriptions.filter((s) => s.customerNumber === customer && s.status === '有効').map((s) => s.number)).toEqual([order.subscriptionNumber]);
  });

  it('looks a remembered order up again when its ID now shows another number, and writes nothing to it', async () => {
    const order = await fx.driver.createOrder(subscriptionOrder('TANTO:renumbered'));
    const stored = [...sandbox.store.orders.values()].find((o) => o.number === order.orderNumber)!;
    stored.number = '1999999999';
    await expect(fx.driver.writeMemo(order.orderNumber, '追記')).rejects.toMatchObject({ kind: 'business', code: 'order_not_found' });
    expect(mutations().map((p) => p.path)).toEqual(['/admin/orders']);
  });

  it('looks a remembered subscription up again when its ID now shows another number, and writes nothing to it', async () => {
    const [running] = (await fx.driver.listSubscriptions(customer)).filter((s) => s.status === 'running');
    sandbox.store.subscriptions.get(Number(running!.id))!.number = '5999999998';
    await expect(fx.driver.writeSubscriptionMemo(running!.number!, '追記')).rejects.toMatchObject({ kind: 'business', code: 'subscription_not_found' });
    expect(mutations()).toEqual([]);
  });

  it('searches with a learnt form after the session ended, signing in again first', async () => {
    const before = await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning);
    sandbox.expireSessions();
    expect(await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning)).toEqual(before);
    expect(fx.logs.some((l) => l.includes('再ログインします'))).toBe(true);
  });

  it('searches with the form again when a learnt address no longer searches (the site renamed a field)', async () => {
    const order = await fx.driver.createOrder(subscriptionOrder('TANTO:renamed-field'));
    let rewritten = 0;
    await fx.context.route(/\/admin\/orders\?/, (route) => {
      const url = new URL(route.request().url());
      if (rewritten > 0 || !url.searchParams.get('q[memo_cont]')) return route.continue();
      rewritten += 1;
      url.searchParams.set('q[memo]', url.searchParams.get('q[memo_cont]')!);
      url.searchParams.delete('q[memo_cont]');
      return route.continue({ url: url.toString() });
    });
    answered.length = 0;
    expect(await fx.driver.findOrderByMarker(customer, 'TANTO:renamed-field')).toEqual(order);
    expect(rewritten).toBe(1);
    expect(pages().filter((p) => p.startsWith('GET /admin/orders'))).toEqual([
      `GET /admin/orders?q[number]=&q[customer_number]=${customer}&q[memo]=TANTO:renamed-field`,
      'GET /admin/orders',
      `GET /admin/orders?q[number]=&q[customer_number]=${customer}&q[memo_cont]=TANTO:renamed-field`,
      `GET /admin/orders/${order.orderId}/edit`,
    ]);
  });

  it('reads nothing from a redesigned admin reached by a learnt address', async () => {
    const order = await fx.driver.createOrder(subscriptionOrder('TANTO:redesign'));
    await fx.driver.listSubscriptions(customer);
    sandbox.setFaults({ layout: 'variant' });
    await expect(fx.driver.findOrderByMarker(customer, 'TANTO:redesign')).rejects.toMatchObject({ kind: 'application' });
    await expect(fx.driver.listSubscriptions(customer)).rejects.toMatchObject({ kind: 'application' });
    await expect(fx.driver.writeMemo(order.orderNumber, '追記')).rejects.toMatchObject({ kind: 'application', code: 'unexpected_page' });
    await expect(fx.driver.writeSubscriptionMemo(order.subscriptionNumber!, '追記')).rejects.toMatchObject({ kind: 'application', code: 'unexpected_page' });
    expect(mutations().map((p) => p.path)).toEqual(['/admin/orders']);
  });
});
