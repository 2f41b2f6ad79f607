import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriverError } from '../cart-driver';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { driverFixture, launchTestBrowser, type DriverFixture } from './testing/browser-fixture';
import { readZipEntries } from './testing/zip-entries';

/**
 * The admin's session cookie must not reach a saved trace: Playwright records every request's
 * headers and cookies, and the cookie would let whoever holds the file act as the robot. Flows
 * fail with tracing on, one after the session expired and the driver signed in again, and every
 * trace the driver kept is unpacked and searched for every session id the admin handed out.
 */

let sandbox: EcforceSandbox;
let browser: Browser;
let fx: DriverFixture;
const sessionIds = new Set<string>();
const errors: DriverError[] = [];

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startEcforceSandbox(), launchTestBrowser()]);
  fx = await driverFixture(browser, sandbox);
  fx.context.on('response', (response) => {
    void response.headerValue('set-cookie').then((cookie) => {
      const value = cookie?.split(';')[0]?.split('=')[1];
      if (value) sessionIds.add(value);
    });
  });
  const order = { customerNumber: SEEDED_CUSTOMERS.oneRunning, productCode: 'SKN-002', productName: '違う名前', quantity: 1 };
  const collect = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      errors.push(error as DriverError);
    }
  };
  await fx.driver.login();
  await collect(fx.driver.createOrder({ ...order, marker: 'TANTO:req-cookie-1' }));
  sandbox.expireSessions();
  await collect(fx.driver.createOrder({ ...order, marker: 'TANTO:req-cookie-2' }));
  for (const { value } of await fx.context.cookies()) sessionIds.add(value);
});
afterAll(async () => {
  await fx?.dispose();
  await browser?.close();
  await sandbox?.close();
});

function zipsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? zipsUnder(full) : full.endsWith('.zip') ? [full] : [];
  });
}

describe("the cart's session cookie in saved traces", () => {
  it('was handed out and the flows failed with traces, one after signing in again', () => {
    expect(sessionIds.size).toBeGreaterThanOrEqual(1);
    expect(errors.map((e) => e.code)).toEqual(['product_name_mismatch', 'product_name_mismatch']);
    expect(zipsUnder(fx.artifactsDir).length).toBeGreaterThanOrEqual(2);
  });

  it('is in no entry of any trace, while the requests themselves are still recorded', () => {
    let requests = 0;
    for (const trace of zipsUnder(fx.artifactsDir)) {
      for (const entry of readZipEntries(trace)) {
        const text = entry.data.toString('utf8');
        for (const id of sessionIds) expect(text.includes(id), `${path.basename(trace)}:${entry.name}`).toBe(false);
        expect(/"name":"(cookie|set-cookie)"/i.test(text), entry.name).toBe(false);
        if (entry.name.endsWith('.network')) {
          for (const line of text.split('\n').filter(Boolean)) {
            const event = JSON.parse(line) as { type: string; snapshot?: { request: { url: string; headers: Array<{ name: string }> } } };
            if (event.type !== 'resource-snapshot' || !event.snapshot?.request.url.includes('/admin/')) continue;
            requests += 1;
            expect(event.snapshot.request.headers.map((h) => h.name.toLowerCase())).toContain('user-agent');
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(3);
  });
});
