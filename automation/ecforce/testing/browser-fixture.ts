import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchRobotBrowser } from '../../browser';
import { createEcforceDriver, type EcforceDriver, type EcforceDriverOptions } from '../driver';

/**
 * For the driver's tests: one headless browser per test file, a fresh context, driver and
 * artifacts folder per test. Takes the admin's address and login as plain values, so this
 * file stays free of sandbox imports like the rest of automation/.
 */
export interface AdminUnderTest {
  url: string;
  robotLogin: { email: string; password: string };
}

export interface DriverFixture {
  context: BrowserContext;
  driver: EcforceDriver;
  artifactsDir: string;
  logs: string[];
  dispose(): Promise<void>;
}

export function launchTestBrowser(): Promise<Browser> {
  return launchRobotBrowser({ headless: true });
}

export async function driverFixture(
  browser: Browser,
  admin: AdminUnderTest,
  overrides: Partial<Omit<EcforceDriverOptions, 'context' | 'artifactsDir'>> = {},
): Promise<DriverFixture> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const artifactsDir = await mkdtemp(path.join(os.tmpdir(), 'tanto-ecforce-artifacts-'));
  const logs: string[] = [];
  const driver = createEcforceDriver({
    context,
    baseUrl: admin.url,
    login: admin.robotLogin,
    artifactsDir,
    elementTimeoutMs: 2_000,
    navigationTimeoutMs: 15_000,
    log: (line) => logs.push(line),
    ...overrides,
  });
  return {
    context,
    driver,
    artifactsDir,
    logs,
    async dispose() {
      await context.close();
      await rm(artifactsDir, { recursive: true, force: true });
    },
  };
}
