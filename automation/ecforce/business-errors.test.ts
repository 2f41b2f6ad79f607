import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DriverError } from '../cart-driver';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { driverFixture, launchTestBrowser, type DriverFixture } from './testing/browser-fixture';

let sandbox: EcforceSandbox;
let browser: Browser;
let fx: DriverFixture;
let ordersBefore: number;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startEcforceSandbox(), launchTestBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  ordersBefore = sandbox.inspect().orders.length;
  fx = await driverFixture(browser, sandbox);
});
afterEach(() => fx.dispose());

async function failure(work: Promise<unknown>): Promise<DriverError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DriverError);
  return error as DriverError;
}

/** Nothing in the shop changed: no new order, and no POST but signing in. */
function expectNothingChanged(): void {
  const inspection = sandbox.inspect();
  expect(inspection.orders).toHaveLength(ordersBefore);
  expect(inspection.posts.filter((p) => p.mutated)).toEqual([]);
  expect(inspection.posts.map((p) => p.path).filter((p) => p !== '/admin/sign_in')).toEqual([]);
}

const order = (patch: Partial<Parameters<DriverFixture['driver']['createOrder']>[0]> = {}) => ({
  customerNumber: SEEDED_CUSTOMERS.oneRunning,
  productCode: 'SKN-002',
  productName: '保湿化粧水 150mL',
  quantity: 1,
  marker: 'TANTO:req-business',
  ...patch,
});

describe('business errors', () => {
  it('an unknown product code', async () => {
    const error = await failure(fx.driver.createOrder(order({ productCode: 'SKN-999' })));
    expect(error).toMatchObject({ kind: 'business', code: 'product_not_found', message: '商品コード SKN-999 が商品マスタにありません' });
    expectNothingChanged();
  });

  it('a product name that is not exactly the master’s (half-width where the master has full-width)', async () => {
    const error = await failure(fx.driver.createOrder(order({ productCode: 'SKN-003', productName: 'UVカットミルク SPF50+' })));
    expect(error).toMatchObject({
      kind: 'business',
      code: 'product_name_mismatch',
      message: '商品名が商品マスタと一致しません（マスタ: ＵＶカットミルク SPF50+／設定: UVカットミルク SPF50+）',
    });
    expectNothingChanged();
  });

  it('a customer the cart does not have', async () => {
    const error = await failure(fx.driver.createOrder(order({ customerNumber: '99999999' })));
    expect(error).toMatchObject({ kind: 'business', code: 'customer_not_found', message: '顧客番号 99999999 の顧客がカートに見つかりません' });
    expectNothingChanged();
    expect(await failure(fx.driver.findCustomer('99999999'))).toMatchObject({ kind: 'business', code: 'customer_not_found' });
  });

  it('a login without 受注作成', async () => {
    const other = sandbox.accounts.find((a) => a.email === 'no-create@example.jp')!;
    const limited = await driverFixture(browser, { url: sandbox.url, robotLogin: { email: other.email, password: other.password } });
    try {
      const error = await failure(limited.driver.createOrder(order()));
      expect(error).toMatchObject({ kind: 'business', code: 'permission_denied', message: 'ログインに受注作成の権限がありません' });
      expectNothingChanged();
    } finally {
      await limited.dispose();
    }
  });

  it('a login without 定期受注管理 or 受注管理', async () => {
    const noSubs = sandbox.accounts.find((a) => a.email === 'no-subs@example.jp')!;
    const noOrders = sandbox.accounts.find((a) => a.email === 'no-orders@example.jp')!;
    const a = await driverFixture(browser, { url: sandbox.url, robotLogin: noSubs });
    const b = await driverFixture(browser, { url: sandbox.url, robotLogin: noOrders });
    try {
      expect((await failure(a.driver.listSubscriptions(SEEDED_CUSTOMERS.oneRunning))).message).toBe('ログインに定期受注管理の権限がありません');
      expect((await failure(b.driver.findOrderByMarker(SEEDED_CUSTOMERS.oneRunning, 'TANTO:x'))).message).toBe('ログインに受注管理の権限がありません');
      expectNothingChanged();
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it('a cancelled subscription cannot be stopped', async () => {
    const cancelled = sandbox.inspect().subscriptions.find((s) => s.customerNumber === SEEDED_CUSTOMERS.noneRunning && s.status === 'キャンセル')!;
    const error = await failure(fx.driver.stopSubscription(String(cancelled.id)));
    expect(error).toMatchObject({ kind: 'business', code: 'subscription_cancelled', message: `定期受注 ${cancelled.number} はキャンセル済みのため停止できません` });
    expectNothingChanged();
  });

  it('an order number or subscription the cart does not have', async () => {
    expect(await failure(fx.driver.writeMemo('1999999999', 'x'))).toMatchObject({ kind: 'business', code: 'order_not_found', message: '受注番号 1999999999 の受注がカートに見つかりません' });
    expect(await failure(fx.driver.stopSubscription('987654'))).toMatchObject({ kind: 'business', code: 'subscription_not_found' });
    expectNothingChanged();
  });

  it('a 定期受注番号 the cart does not have, also one that is only the start of a real number', async () => {
    const real = sandbox.inspect().subscriptions[0]!;
    const error = await failure(fx.driver.writeSubscriptionMemo('5999999999', 'x'));
    expect(error).toMatchObject({
      kind: 'business',
      code: 'subscription_not_found',
      message: '定期受注番号 5999999999 の定期受注がカートに見つかりません。番号が正しいか定期受注管理で確認してください',
    });
    const partial = real.number.slice(0, -1);
    expect(await failure(fx.driver.writeSubscriptionMemo(partial, 'x'))).toMatchObject({ kind: 'business', code: 'subscription_not_found' });
    expectNothingChanged();
    expect(sandbox.inspect().subscriptions.every((s) => s.memo === '')).toBe(true);
  });

  it('wrong login details, with the screenshot and no trace of the sign-in', async () => {
    const wrong = await driverFixture(browser, { url: sandbox.url, robotLogin: { email: 'robot@example.jp', password: 'not-the-password-42' } });
    try {
      const error = await failure(wrong.driver.createOrder(order()));
      expect(error).toMatchObject({ kind: 'business', code: 'login_rejected' });
      expect(error.message).toContain('ログイン情報');
      expect(error.artifacts?.screenshot).toBeTruthy();
      expect(error.artifacts?.traces).toEqual([]);
      expectNothingChanged();
    } finally {
      await wrong.dispose();
    }
  });

  it('an input the robot should never have been given, refused before the browser is used', async () => {
    await expect(fx.driver.createOrder(order({ quantity: 0 }))).rejects.toMatchObject({ kind: 'business', code: 'invalid_input' });
    await expect(fx.driver.createOrder(order({ marker: '' }))).rejects.toMatchObject({ kind: 'business', code: 'invalid_input' });
    await expect(fx.driver.createOrder(order({ paymentMethod: '現金書留' }))).rejects.toMatchObject({ kind: 'business', code: 'invalid_input' });
    await expect(fx.driver.writeSubscriptionMemo('', 'x')).rejects.toMatchObject({ kind: 'business', code: 'invalid_input' });
    await expect(fx.driver.writeSubscriptionMemo(sandbox.inspect().subscriptions[0]!.number, ' ')).rejects.toMatchObject({ kind: 'business', code: 'invalid_input' });
    expectNothingChanged();
  });
});
