import { launchRobotBrowser, BrowserNotFoundError, BROWSER_NOT_FOUND_REASON, type LaunchOptions } from '../../../automation/browser';
import { checkEcforceAccess, type AccessCheck } from '../../../automation/ecforce/access-check';
import type { CartLogin } from '../secrets/cart-logins';
import { CART_RIGHTS, type CartLoginTestResult, type SettingsReason } from './types';

export interface CartLoginTestOptions {
  /** Where the robot's browser is looked for: the shop's browser path, the app's own Chromium. */
  launch: LaunchOptions;
  log: (line: string) => void;
}

/**
 * 接続テスト: the robot's own browser and cart driver sign in with the login and open the screen
 * of each right the robot needs. The browser is started for the test and closed after it, in a
 * context of its own, so no worker's session is touched; the password reaches only the cart's
 * sign-in form.
 */
export async function testCartLogin(login: Pick<CartLogin, 'baseUrl' | 'email' | 'password'>, options: CartLoginTestOptions): Promise<CartLoginTestResult> {
  const site = new URL(login.baseUrl).host;
  let browser: Awaited<ReturnType<typeof launchRobotBrowser>> | null = null;
  try {
    try {
      browser = await launchRobotBrowser(options.launch);
    } catch (error) {
      if (error instanceof BrowserNotFoundError) {
        return { outcome: 'noBrowser', rights: unchecked(), missing: [], reason: { code: BROWSER_NOT_FOUND_REASON, params: { places: error.looked.join(', ') || '-' } } };
      }
      options.log(`settings: 接続テストのブラウザを起動できません: ${(error as Error).message}`);
      return { outcome: 'noBrowser', rights: unchecked(), missing: [], reason: { code: 'browserNotStarted', params: {} } };
    }
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const check = await checkEcforceAccess({ context, baseUrl: login.baseUrl, email: login.email, password: login.password });
    const result = resultOf(check, site);
    options.log(`settings: カート ${site} の接続テスト: ${result.outcome}${result.missing.length ? `（権限なし: ${result.missing.join('・')}）` : ''}`);
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

function resultOf(check: AccessCheck, site: string): CartLoginTestResult {
  const missing = check.rights.filter((r) => r.granted === false).map((r) => r.right);
  const reason = ((): SettingsReason | null => {
    switch (check.outcome) {
      case 'ok':
        return null;
      case 'missingRights':
        return { code: 'cartRightsMissing', params: { site, rights: missing.join('、') } };
      case 'loginRefused':
        return { code: 'cartLoginRefused', params: { site } };
      case 'unreachable':
        return { code: 'cartUnreachable', params: { site } };
      case 'siteError':
        return { code: 'cartSiteError', params: { site } };
    }
  })();
  return { outcome: check.outcome, rights: check.rights, missing, reason };
}

function unchecked(): CartLoginTestResult['rights'] {
  return CART_RIGHTS.map((right) => ({ right, granted: null }));
}
