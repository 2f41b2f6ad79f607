import type { Browser, BrowserContext } from 'playwright-core';
import { launchRobotBrowser, type LaunchOptions } from './browser';
import type { CartDriver } from './cart-driver';
import type { CartLoginCredentials, DriverProvider } from './driver-provider';
import { createEcforceDriver, type EcforceDriver } from './ecforce/driver';

export interface BrowserDriverOptions {
  /** Failed flows leave their screenshot and trace here (under the app's data folder). */
  artifactsDir: string;
  launch?: LaunchOptions;
  elementTimeoutMs?: number;
  navigationTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * Drivers on one Chromium started on first use, each in a browser context of its own: a
 * context holds one set of cookies, so two logins sharing one would act as whichever signed in
 * last, and two workers sharing one would share a session.
 */
export function createBrowserDriverProvider(options: BrowserDriverOptions): DriverProvider {
  let browser: Promise<Browser> | null = null;
  const contexts = new Map<string, Promise<BrowserContext>>();
  const drivers = new Map<string, EcforceDriver>();

  const contextFor = (key: string): Promise<BrowserContext> => {
    let context = contexts.get(key);
    if (!context) {
      browser ??= launchRobotBrowser(options.launch);
      context = browser.then((b) => b.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' }));
      contexts.set(key, context);
    }
    return context;
  };

  return {
    async driverFor(worker: number, login: CartLoginCredentials): Promise<CartDriver> {
      const key = `${worker}:${login.ref}`;
      const existing = drivers.get(key);
      if (existing) return existing;
      const driver = createEcforceDriver({
        context: await contextFor(key),
        baseUrl: login.baseUrl,
        login: { email: login.email, password: login.password },
        artifactsDir: options.artifactsDir,
        ...(options.elementTimeoutMs === undefined ? {} : { elementTimeoutMs: options.elementTimeoutMs }),
        ...(options.navigationTimeoutMs === undefined ? {} : { navigationTimeoutMs: options.navigationTimeoutMs }),
        ...(options.log ? { log: options.log } : {}),
      });
      drivers.set(key, driver);
      return driver;
    },
    async close() {
      const opened = browser;
      browser = null;
      drivers.clear();
      contexts.clear();
      if (opened) await (await opened.catch(() => null))?.close();
    },
  };
}
