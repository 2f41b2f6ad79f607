import type { BrowserContext, Page } from 'playwright-core';
import { DriverError } from '../cart-driver';
import { createRedactor, toDriverError } from './errors';
import { openAdminPage, type AdminRight, type ScreenDeps } from './pages/admin-screen';
import { LoginPage } from './pages/login-page';
import { OrderCreatePage } from './pages/order-create-page';
import { OrderListPage } from './pages/order-list-page';
import { SubscriptionListPage } from './pages/subscription-list-page';

/** The rights the robot needs, in the order the admin's menu shows them. */
export const ROBOT_RIGHTS: readonly AdminRight[] = ['受注管理', '受注作成', '定期受注管理'];

export type AccessCheckOutcome = 'ok' | 'missingRights' | 'loginRefused' | 'unreachable' | 'siteError';

export interface AccessCheck {
  outcome: AccessCheckOutcome;
  /** granted is null for a right the check did not get to (the sign-in failed). */
  rights: Array<{ right: AdminRight; granted: boolean | null }>;
  /** Why it stopped short (loginRefused, unreachable, siteError): the driver's classified error, password-free. */
  failure: DriverError | null;
}

export interface AccessCheckOptions {
  /** A context of its own: the check signs in, and its cookies must not be any worker's. */
  context: BrowserContext;
  baseUrl: string;
  email: string;
  password: string;
  elementTimeoutMs?: number;
  navigationTimeoutMs?: number;
}

const WRONG_CREDENTIALS = 'メールアドレスまたはパスワードが違います';

/**
 * 接続テスト: signs in as the robot would and opens the first screen of each right it needs
 * (受注管理's list, 受注作成's customer search, 定期受注管理's list), telling which the site refuses.
 * Nothing is traced or saved: the password is typed into the sign-in form only, as the robot's
 * sign-in does, and no error carries it.
 */
export async function checkEcforceAccess(options: AccessCheckOptions): Promise<AccessCheck> {
  const redact = createRedactor([options.password]);
  const unchecked = ROBOT_RIGHTS.map((right) => ({ right, granted: null }));
  let page: Page | null = null;
  try {
    const deps = await openAdminPage(options.context, {
      baseUrl: options.baseUrl,
      elementTimeoutMs: options.elementTimeoutMs ?? 5_000,
      navigationTimeoutMs: options.navigationTimeoutMs ?? 20_000,
    });
    page = deps.page;

    const signedIn = await signIn(deps, options.email, options.password);
    if (signedIn !== 'signed_in') return { outcome: signedIn === 'rejected' ? 'loginRefused' : 'siteError', rights: unchecked, failure: null };

    const screens: Record<AdminRight, () => Promise<void>> = {
      受注管理: () => new OrderListPage(deps).open(),
      受注作成: () => new OrderCreatePage(deps).open(),
      定期受注管理: () => new SubscriptionListPage(deps).open(),
    };
    const rights: AccessCheck['rights'] = [];
    for (const right of ROBOT_RIGHTS) {
      try {
        await screens[right]();
        rights.push({ right, granted: true });
      } catch (error) {
        if (error instanceof DriverError && error.code === 'permission_denied') rights.push({ right, granted: false });
        else throw error;
      }
    }
    return { outcome: rights.every((r) => r.granted) ? 'ok' : 'missingRights', rights, failure: null };
  } catch (thrown) {
    const error = toDriverError(thrown, 'login', redact);
    const outcome: AccessCheckOutcome = error.code === 'network' || error.code === 'timeout' ? 'unreachable' : error.code === 'login_rejected' ? 'loginRefused' : 'siteError';
    return { outcome, rights: unchecked, failure: error };
  } finally {
    await page?.close().catch(() => undefined);
  }
}

/** 'signed_in', 'rejected' (wrong e-mail or password) or 'unexpected' (the page said something else). */
async function signIn(deps: ScreenDeps, email: string, password: string): Promise<'signed_in' | 'rejected' | 'unexpected'> {
  const login = new LoginPage(deps);
  // A stale form token (422) is tried again once with a fresh form, as the robot's sign-in does.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if ((await login.open()) === 'already') return 'signed_in';
    const outcome = await login.signIn(email, password);
    if (outcome.kind === 'signed_in') return 'signed_in';
    if (outcome.kind === 'rejected') return outcome.alerts.some((a) => a.includes(WRONG_CREDENTIALS)) ? 'rejected' : 'unexpected';
  }
  return 'unexpected';
}
