import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { measureCreateOrder } from './measure';
import { driverFixture, launchTestBrowser } from './testing/browser-fixture';

let sandbox: EcforceSandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startEcforceSandbox(), launchTestBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const input = (marker: string) => ({ customerNumber: SEEDED_CUSTOMERS.noSubscription, productCode: 'SKN-002', productName: '保湿化粧水 150mL', quantity: 1, marker });

describe('measureCreateOrder', () => {
  it('times each order after a sign-in, and creates each once', async () => {
    const fx = await driverFixture(browser, sandbox);
    try {
      const timing = await measureCreateOrder(fx.driver, [input('TANTO:bench-1'), input('TANTO:bench-2')]);
      expect(timing.samples).toHaveLength(2);
      expect(timing.minMs).toBeGreaterThan(0);
      expect(timing.minMs).toBeLessThanOrEqual(timing.medianMs);
      expect(timing.p95Ms).toBe(timing.maxMs);
      expect(sandbox.inspect().orders.filter((o) => o.memo.startsWith('TANTO:bench-'))).toHaveLength(2);
    } finally {
      await fx.dispose();
    }
  });

  it('refuses inputs that share a marker', async () => {
    const fx = await driverFixture(browser, sandbox);
    try {
      await expect(measureCreateOrder(fx.driver, [input('TANTO:same'), input('TANTO:same')])).rejects.toThrow(/own marker/);
    } finally {
      await fx.dispose();
    }
  });
});
