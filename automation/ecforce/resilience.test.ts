import { existsSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DriverError } from '../cart-driver';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
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
  await fx.driver.login();
});
afterEach(() => fx.dispose());

const input = (marker: string) => ({
  customerNumber: SEEDED_CUSTOMERS.oneRunning,
  productCode: 'SKN-002',
  productName: '保湿化粧水 150mL',
  quantity: 1,
  marker,
});

async function failure(work: Promise<unknown>): Promise<DriverError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DriverError);
  return error as DriverError;
}

function expectEvidence(error: DriverError): void {
  expect(error.artifacts).not.toBeNull();
  const { screenshot, traces, dir } = error.artifacts!;
  expect(screenshot).not.toBeNull();
  expect(statSync(screenshot!).size).toBeGreaterThan(1_000);
  expect(traces.length).toBeGreaterThan(0);
  for (const trace of traces) expect(statSync(trace).size).toBeGreaterThan(1_000);
  expect(existsSync(`${dir}/error.json`)).toBe(true);
  expect(dir.startsWith(fx.artifactsDir)).toBe(true);
}

const mutations = () => sandbox.inspect().posts.filter((p) => p.mutated);
const withMarker = (marker: string) => sandbox.inspect().orders.filter((o) => o.memo.includes(marker));

describe('a redesigned admin (layout variant)', () => {
  beforeEach(() => {
    sandbox.setFaults({ layout: 'variant' });
  });

  it('stops createOrder with an application error, screenshot and trace, and creates nothing', async () => {
    const before = sandbox.inspect().orders.length;
    const error = await failure(fx.driver.createOrder(input('TANTO:req-variant')));
    expect(error).toMatchObject({ kind: 'application', code: 'unexpected_page' });
    expect(error.message).toMatch(/^カートの管理画面の構成が想定と異なります/);
    expectEvidence(error);
    expect(sandbox.inspect().orders).toHaveLength(before);
    expect(mutations()).toEqual([]);
  });

  it('never reports "no order with this marker" or "no subscriptions" from a page it cannot read', async () => {
    await expect(fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.oneRunning, 'TANTO:x')).rejects.toMatchObject({ kind: 'application' });
    await expect(fx.driver.listSubscriptions(SEEDED_CUSTOMERS.oneRunning)).rejects.toMatchObject({ kind: 'application' });
  });

  it('never presses the wrong button on a subscription (the variant puts 解約する first)', async () => {
    const running = sandbox.inspect().subscriptions.find((s) => s.customerNumber === SEEDED_CUSTOMERS.oneRunning && s.status === '有効')!;
    const error = await failure(fx.driver.stopSubscription(String(running.id)));
    expect(error.kind).toBe('application');
    expectEvidence(error);
    expect(sandbox.inspect().subscriptions.find((s) => s.id === running.id)?.status).toBe('有効');
    expect(mutations()).toEqual([]);
  });

  it('changes no memo', async () => {
    const target = sandbox.inspect().orders[0]!;
    await expect(fx.driver.writeMemo(target.number, '追記')).rejects.toMatchObject({ kind: 'application', code: 'unexpected_page' });
    expect(mutations()).toEqual([]);
  });

  it('changes no subscription memo, and never calls a number missing from a page it cannot read', async () => {
    const target = sandbox.inspect().subscriptions[0]!;
    const error = await failure(fx.driver.writeSubscriptionMemo(target.number, '追記'));
    expect(error).toMatchObject({ kind: 'application', code: 'unexpected_page' });
    expectEvidence(error);
    await expect(fx.driver.writeSubscriptionMemo('5999999999', '追記')).rejects.toMatchObject({ kind: 'application', code: 'unexpected_page' });
    expect(sandbox.inspect().subscriptions.find((s) => s.id === target.id)?.memo).toBe('');
    expect(mutations()).toEqual([]);
  });
});

describe('sessions that end', () => {
  it('signs in again when the session expired between flows', async () => {
    sandbox.expireSessions();
    const order = await fx.driver.createOrder(input('TANTO:req-expired-before'));
    expect(withMarker('TANTO:req-expired-before')).toHaveLength(1);
    expect(withMarker('TANTO:req-expired-before')[0]?.number).toBe(order.orderNumber);
    expect(fx.logs.some((l) => l.includes('再ログインします'))).toBe(true);
  });

  it('survives the session ending in the middle of createOrder, right after 確定, with exactly one order', async () => {
    // The tenth signed-in request of the flow is the order page the site shows after 確定.
    sandbox.setFaults({ expireSessionEveryRequests: 10 });
    const order = await fx.driver.createOrder(input('TANTO:req-expired-mid'));
    expect(withMarker('TANTO:req-expired-mid')).toHaveLength(1);
    expect(withMarker('TANTO:req-expired-mid')[0]?.number).toBe(order.orderNumber);
    expect(sandbox.inspect().posts.filter((p) => p.path === '/admin/sign_in').length).toBeGreaterThanOrEqual(2);
    expect(fx.logs.some((l) => l.includes('再ログインします'))).toBe(true);
  });

  it('survives a session that ends every few requests, also right after a stop was saved', async () => {
    // Listing takes two requests; the fifth is the page shown after 停止 was saved.
    sandbox.setFaults({ expireSessionEveryRequests: 5 });
    const subs = await fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning);
    expect(subs).toHaveLength(5);
    await fx.driver.stopSubscription(subs.find((s) => s.status === 'running')!.id);
    expect(sandbox.inspect().subscriptions.filter((s) => s.customerNumber === SEEDED_CUSTOMERS.threeRunning && s.status === '有効')).toHaveLength(2);
  });

  it('survives the session ending right after the subscription memo was saved, writing it once', async () => {
    const target = sandbox.inspect().subscriptions.find((s) => s.customerNumber === SEEDED_CUSTOMERS.oneRunning)!;
    // List, search and detail take three requests; the fifth is the page shown after the save.
    sandbox.setFaults({ expireSessionEveryRequests: 5 });
    await fx.driver.writeSubscriptionMemo(target.number, 'TANTO:req-subs-expired');
    expect(sandbox.inspect().subscriptions.find((s) => s.id === target.id)?.memo).toBe('TANTO:req-subs-expired');
    expect(mutations().filter((p) => p.path === `/admin/subs_orders/${target.id}`)).toHaveLength(1);
    expect(fx.logs.some((l) => l.includes('再ログインします'))).toBe(true);
    expect(fx.logs.some((l) => l.includes('既に書き込み済みです'))).toBe(true);
  });

  it('gives up with an application error when the session ends again right after signing in again', async () => {
    sandbox.setFaults({ expireSessionEveryRequests: 1 });
    const error = await failure(fx.driver.findOrderByMarker(SEEDED_CUSTOMERS.oneRunning, 'TANTO:req-never'));
    expect(error).toMatchObject({ kind: 'application', code: 'session_expired', message: 'カートのセッションが切れ、再ログインしても続けられませんでした' });
    expectEvidence(error);
  });
});

describe('a misbehaving site', () => {
  it('a 500 is an application error with evidence, and nothing is created', async () => {
    const before = sandbox.inspect().orders.length;
    sandbox.setFaults({ errorRate: 1 });
    const error = await failure(fx.driver.createOrder(input('TANTO:req-500')));
    expect(error).toMatchObject({ kind: 'application', code: 'server_error' });
    expect(error.message).toContain('HTTP 500');
    expectEvidence(error);
    expect(sandbox.inspect().orders).toHaveLength(before);
  });

  it('an answer lost after 確定 saved the order: the retry finds it by its marker instead of ordering again', async () => {
    sandbox.setFaults({ failAfterCommit: 1 });
    const error = await failure(fx.driver.createOrder(input('TANTO:req-lost-answer')));
    expect(error).toMatchObject({ kind: 'application', code: 'server_error' });
    expect(withMarker('TANTO:req-lost-answer')).toHaveLength(1);
    const retried = await fx.driver.createOrder(input('TANTO:req-lost-answer'));
    expect(withMarker('TANTO:req-lost-answer')).toHaveLength(1);
    expect(retried.orderNumber).toBe(withMarker('TANTO:req-lost-answer')[0]?.number);
  });

  it('an answer lost after the subscription memo was saved: the retry sees the text and writes nothing more', async () => {
    const target = sandbox.inspect().subscriptions.find((s) => s.customerNumber === SEEDED_CUSTOMERS.oneRunning)!;
    sandbox.setFaults({ failAfterCommit: 1 });
    const error = await failure(fx.driver.writeSubscriptionMemo(target.number, 'TANTO:req-subs-lost'));
    expect(error).toMatchObject({ kind: 'application', code: 'server_error' });
    await fx.driver.writeSubscriptionMemo(target.number, 'TANTO:req-subs-lost');
    expect(sandbox.inspect().subscriptions.find((s) => s.id === target.id)?.memo).toBe('TANTO:req-subs-lost');
    expect(mutations()).toHaveLength(1);
  });

  it('a site slower than the time limit is a timeout', async () => {
    const slow = await driverFixture(browser, sandbox, { navigationTimeoutMs: 1_000 });
    try {
      await slow.driver.login();
      sandbox.setFaults({ latencyMs: { min: 2_500, max: 2_500 } });
      const error = await failure(slow.driver.listSubscriptions(SEEDED_CUSTOMERS.oneRunning));
      expect(error).toMatchObject({ kind: 'application', code: 'timeout' });
      expect(error.message).toContain('時間内に応答しませんでした');
    } finally {
      sandbox.setFaults({ latencyMs: { min: 0, max: 0 } });
      await slow.dispose();
    }
  });
});
