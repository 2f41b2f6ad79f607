import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriverError } from '../cart-driver';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { driverFixture, launchTestBrowser, type DriverFixture } from './testing/browser-fixture';
import { readZipEntries } from './testing/zip-entries';

/**
 * The cart password must not reach a trace, a screenshot's folder, a log line or an error.
 * The flows below sign in several times with tracing on around them, fail in several ways, and
 * then every file the driver wrote is searched, trace zips unpacked.
 */
const PASSWORD = 'Kz9#secret-ＰＷ-パス&word=42';

let sandbox: EcforceSandbox;
let browser: Browser;
let fx: DriverFixture;
const errors: DriverError[] = [];

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([
    startEcforceSandbox({ accounts: [{ email: 'robot@example.jp', password: PASSWORD }] }),
    launchTestBrowser(),
  ]);
  fx = await driverFixture(browser, sandbox);
  const collect = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      errors.push(error as DriverError);
    }
  };
  const order = { customerNumber: SEEDED_CUSTOMERS.oneRunning, productCode: 'SKN-002', productName: '保湿化粧水 150mL', quantity: 1 };
  await fx.driver.login();
  sandbox.setFaults({ expireSessionEveryRequests: 10 });
  await collect(fx.driver.createOrder({ ...order, marker: 'TANTO:req-secret-1' }));
  sandbox.setFaults({ expireSessionEveryRequests: 1 });
  await collect(fx.driver.listSubscriptions(SEEDED_CUSTOMERS.threeRunning));
  sandbox.setFaults({ expireSessionEveryRequests: null, layout: 'variant' });
  sandbox.expireSessions();
  await collect(fx.driver.createOrder({ ...order, marker: 'TANTO:req-secret-2' }));
  sandbox.setFaults({ layout: 'standard', errorRate: 1 });
  await collect(fx.driver.writeMemo('1000245001', 'x'));
  sandbox.setFaults({ errorRate: 0 });
  await collect(fx.driver.createOrder({ ...order, productName: '違う名前', marker: 'TANTO:req-secret-3' }));
});
afterAll(async () => {
  await fx?.dispose();
  await browser?.close();
  await sandbox?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const forms = [PASSWORD, encodeURIComponent(PASSWORD), new URLSearchParams({ p: PASSWORD }).toString().slice(2), JSON.stringify(PASSWORD).slice(1, -1)];
const containsPassword = (text: string) => forms.some((form) => text.includes(form));

describe('the cart password', () => {
  it('was really used: the flows signed in again in the middle and failed with evidence', () => {
    expect(sandbox.inspect().posts.filter((p) => p.path === '/admin/sign_in').length).toBeGreaterThanOrEqual(4);
    expect(errors.map((e) => e.code).sort()).toEqual(['product_name_mismatch', 'server_error', 'session_expired', 'unexpected_page']);
    const traces = errors.flatMap((e) => e.artifacts?.traces ?? []);
    expect(traces.length).toBeGreaterThanOrEqual(4);
    expect(traces.some((t) => path.basename(t).startsWith('trace-part-'))).toBe(true);
  });

  it('is in no trace, unpacked entry by entry', () => {
    const traces = filesUnder(fx.artifactsDir).filter((f) => f.endsWith('.zip'));
    expect(traces.length).toBeGreaterThan(0);
    let searched = 0;
    for (const trace of traces) {
      for (const entry of readZipEntries(trace)) {
        searched += 1;
        expect(containsPassword(entry.data.toString('utf8')), `${path.basename(trace)}:${entry.name}`).toBe(false);
        expect(containsPassword(entry.data.toString('latin1'))).toBe(false);
      }
    }
    expect(searched).toBeGreaterThan(10);
  });

  it('is in no file the driver wrote, nor in any file name', () => {
    for (const file of filesUnder(fx.artifactsDir)) {
      expect(containsPassword(file)).toBe(false);
      expect(containsPassword(readFileSync(file).toString('latin1'))).toBe(false);
      expect(containsPassword(readFileSync(file).toString('utf8'))).toBe(false);
    }
    expect(filesUnder(fx.artifactsDir).filter((f) => f.endsWith('.png')).length).toBe(errors.length);
  });

  it('is in no log line and no error text', () => {
    expect(fx.logs.length).toBeGreaterThan(5);
    for (const line of fx.logs) expect(containsPassword(line)).toBe(false);
    for (const error of errors) {
      const text = [error.message, error.stack ?? '', String((error.cause as Error | undefined)?.message ?? ''), JSON.stringify(error)].join('\n');
      expect(containsPassword(text)).toBe(false);
    }
  });

  it('is masked in what the admin recorded', () => {
    expect(containsPassword(JSON.stringify(sandbox.inspect()))).toBe(false);
  });
});
