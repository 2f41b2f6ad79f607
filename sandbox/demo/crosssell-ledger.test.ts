import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lineRetryKey } from '../../electron/core/line/retry-key';
import { startCloudSandbox, type CloudSandbox } from '../cloud/server';
import { startEcforceSandbox, type EcforceSandbox } from '../ecforce/server';
import { callSandbox, pushBody } from '../line/testing';
import { startLineSandbox, type LineSandbox } from '../line/server';
import { COMPLETION_PURPOSE, crosssellLedger } from './crosssell-ledger';
import { linkShops, type CrosssellWorld, type LinkedCustomer } from './crosssell-world';

/**
 * The ledger against the sandboxes themselves, with orders and messages put there by hand the
 * way a robot with bugs would leave them, so each count is seen to catch what it is for.
 */

let cloud: CloudSandbox;
let ecforce: EcforceSandbox;
let line: LineSandbox;
let world: CrosssellWorld;

beforeAll(async () => {
  [cloud, ecforce, line] = await Promise.all([startCloudSandbox({ members: 0 }), startEcforceSandbox(), startLineSandbox()]);
  world = linkShops({ cloud, ecforce, line }, { customers: 4 });
});
afterAll(async () => {
  await Promise.all([cloud?.close(), ecforce?.close(), line?.close()]);
});

const uidOf = (requestId: number) => cloud.store.locRequests.get(requestId)!.uid;

function order(customer: LinkedCustomer, memo: string): void {
  const cartCustomer = ecforce.store.customerByNumber(customer.customerNumber);
  const product = [...ecforce.store.products.values()].find((p) => p.code === 'SKN-002');
  if (!cartCustomer || !product) throw new Error('the ecforce sandbox should know the customer and SKN-002');
  ecforce.store.addOrder({
    customerId: cartCustomer.id,
    items: [{ product, quantity: 1 }],
    paymentMethod: '代金引換',
    memo,
    createdAt: new Date(),
    createdBy: 'robot@example.jp',
  });
}

async function push(customer: LinkedCustomer, retryKey: string | null): Promise<number> {
  const answer = await callSandbox(line, '/v2/bot/message/push', {
    body: pushBody(customer.lineUserId, ['ご注文ありがとうございます']),
    headers: retryKey ? { 'x-line-retry-key': retryKey } : {},
  });
  return answer.status;
}

async function report(requestId: number, outcome: 'done' | 'needs_manual', message: string | null): Promise<void> {
  const response = await fetch(`${cloud.url}/v1/mutations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cloud.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ operations: [{ opId: randomUUID(), kind: 'robot.runResult', payload: { requestId, outcome, message } }] }),
  });
  expect(((await response.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('applied');
}

it('counts orders by uid marker and messages by uid key, per request and per customer and config, and repeat taps', async () => {
  const [a, b, bystander] = world.customers as [LinkedCustomer, LinkedCustomer, LinkedCustomer];
  const { single, subscription } = world.configIds;
  const first = await world.tap(a.memberId, single);
  const repeat = await world.tap(a.memberId, single);
  const other = await world.tap(b.memberId, single);
  const switched = await world.tap(a.memberId, subscription);
  const notCounted = await world.tap(bystander.memberId, single);

  // a's first tap is ordered once, and so (wrongly) is the repeat tap, though the robot reported it as one.
  order(a, `LINEワンタップクロスセル\nTANTO:${uidOf(first)}`);
  order(a, `TANTO:${uidOf(repeat)}`);
  // b's request was ordered twice over.
  order(b, `TANTO:${uidOf(other)}`);
  order(b, `TANTO:${uidOf(other)} 再作成`);
  order(a, `TANTO:${uidOf(switched)}`);
  // Markers of the integer ids count for nobody: two clouds may share those.
  order(b, `TANTO:${other}`);
  order(bystander, `TANTO:${uidOf(notCounted)}`);

  const key = (requestId: number) => lineRetryKey(uidOf(requestId), COMPLETION_PURPOSE);
  expect(await push(a, key(first))).toBe(200);
  expect(await push(a, key(repeat))).toBe(200);
  expect(await push(b, key(other))).toBe(200);
  // LINE turns a replay of the key away; a push without one reaches b again.
  expect(await push(b, key(other))).toBe(409);
  expect(await push(b, null)).toBe(200);
  expect(await push(a, key(switched))).toBe(200);
  expect(await push(a, lineRetryKey(first, COMPLETION_PURPOSE))).toBe(200);

  await report(first, 'done', null);
  await report(repeat, 'needs_manual', '重複: 同じクロスセルの申請が2025-06-01に受付済みです');
  await report(other, 'done', null);
  await report(switched, 'needs_manual', '商品コードがカートの商品マスタと一致しません（重複ではありません）');

  const ledger = await crosssellLedger(
    { cloud: { url: cloud.url, token: cloud.token }, ecforceUrl: ecforce.url, lineUrl: line.url },
    [first, repeat, other, switched],
  );
  const { perRequest, ...totals } = ledger;
  expect(totals).toEqual({
    requests: 4,
    done: 2,
    needsManual: 2,
    orders: 5,
    duplicateOrders: 1,
    // Each request has its own delivery and one stray: b's push without a key, and for a's three
    // requests the push under a key from the integer id, which is no request's key.
    messages: 8,
    duplicateMessages: 4,
    // a's single (the repeat tap's order) and b's single.
    duplicateOrdersPerCustomer: 2,
    // a's single: two keyed and the stray; b's single: one keyed and the stray; a's subscription: one keyed and the stray.
    duplicateMessagesPerCustomer: 2 + 1 + 1,
    duplicates: 1,
  });
  expect(perRequest.get(other)).toEqual({ uid: uidOf(other), status: 'done', orders: 2, messages: 2, reason: null });
  expect(perRequest.get(repeat)).toMatchObject({ orders: 1, messages: 2, reason: expect.stringMatching(/^重複/) });
  expect(perRequest.has(notCounted)).toBe(false);
});
