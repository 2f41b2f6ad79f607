import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { CartDriver } from '../../../automation/cart-driver';
import { createSiteThrottle, throttled } from './site-throttle';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

type Call = { site: string; at: number };

function recordingDriver(site: string, calls: Call[]): CartDriver {
  const record = () => {
    calls.push({ site, at: Date.now() });
    return Promise.resolve(undefined as never);
  };
  return {
    login: record,
    findCustomer: record,
    createOrder: record,
    findOrderByMarker: record,
    listSubscriptions: record,
    stopSubscription: record,
    writeMemo: record,
    writeSubscriptionMemo: record,
  };
}

it('lets each site see at most N robot operations a second, shared by every worker on that site', async () => {
  const limiter = createSiteThrottle(2);
  const calls: Call[] = [];
  const workerA = throttled(recordingDriver('shop', calls), limiter('https://shop.example.jp/admin'));
  const workerB = throttled(recordingDriver('shop', calls), limiter('https://shop.example.jp'));
  const otherSite = throttled(recordingDriver('other', calls), limiter('https://other.example.jp'));

  const done = Promise.all([
    workerA.findCustomer('1'),
    workerB.findCustomer('2'),
    workerA.writeMemo('1', 'x'),
    workerB.writeMemo('2', 'y'),
    workerA.stopSubscription('3'),
    otherSite.findCustomer('9'),
  ]);
  await vi.advanceTimersByTimeAsync(5_000);
  await done;

  const windows = (site: string) => calls.filter((c) => c.site === site).map((c) => Math.floor(c.at / 1000));
  // Two workers on one site share its limit: five calls over three one-second windows.
  expect(windows('shop')).toEqual([0, 0, 1, 1, 2]);
  // Another site is not held up by the first one's queue.
  expect(windows('other')).toEqual([0]);
});
