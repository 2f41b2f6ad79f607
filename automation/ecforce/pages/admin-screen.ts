import type { Locator, Page } from 'playwright-core';
import { applicationError, businessError, messages, SessionExpiredSignal } from '../errors';

export type AdminRight = '受注管理' | '受注作成' | '定期受注管理';

/** What every page object shares: the tab, where the admin is, time limits and the last answer. */
export interface ScreenDeps {
  page: Page;
  baseUrl: string;
  elementTimeoutMs: number;
  navigationTimeoutMs: number;
  /** HTTP status of the document now shown (after redirects), or null before any. */
  documentStatus(): number | null;
  /** The screen last acted on, so an error from Playwright can name where it happened. */
  screen: string;
}

export const SIGN_IN_PATH = '/admin/sign_in';
const FORBIDDEN_HEADING = '権限がありません';

/** Thrown when the site answers 404 for a record; the caller knows which record that was. */
export class NotFoundSignal extends Error {
  override readonly name = 'NotFoundSignal';
}

/**
 * The base of every admin page object. Before anything is read or clicked, verify() makes
 * sure the browser is on the expected screen: not the sign-in page (session expired), not an
 * error page, not a screen the login may not use, and showing the expected heading. Elements
 * are looked up strictly and briefly (the pages are server-rendered: what is not there after
 * load will not appear), so a changed layout ends in an application error, never a wrong click.
 */
export abstract class AdminScreen {
  /** Names the screen in messages, e.g. 受注作成（注文画面）. */
  protected abstract readonly screen: string;
  protected abstract readonly heading: string;
  protected abstract readonly path: RegExp;
  protected abstract readonly right: AdminRight | null;

  constructor(protected readonly deps: ScreenDeps) {}

  protected get page(): Page {
    return this.deps.page;
  }

  protected async goto(pathAndQuery: string): Promise<void> {
    this.deps.screen = this.screen;
    await this.page.goto(new URL(pathAndQuery, this.deps.baseUrl).toString(), { timeout: this.deps.navigationTimeoutMs, waitUntil: 'load' });
    await this.verify();
  }

  /** Runs an action that loads a new document (a click on a link or a submit) and waits for it. */
  protected async navigateBy(action: () => Promise<void>): Promise<void> {
    this.deps.screen = this.screen;
    const loaded = this.page.waitForEvent('load', { timeout: this.deps.navigationTimeoutMs });
    await action();
    await loaded;
  }

  async verify(): Promise<void> {
    this.deps.screen = this.screen;
    const url = new URL(this.page.url());
    if (url.pathname === SIGN_IN_PATH) throw new SessionExpiredSignal(this.screen);
    const status = this.deps.documentStatus();
    if (status !== null && status >= 500) throw applicationError('server_error', messages.serverError(status, this.screen));
    if (status === 403 || (await this.headingCount(FORBIDDEN_HEADING)) > 0) {
      throw businessError('permission_denied', messages.permissionDenied(this.right ?? '管理画面の利用'));
    }
    if (status === 404) throw new NotFoundSignal(this.screen);
    // 422 is both the CSRF refusal (a bare error page) and a form shown again with its errors.
    const expected = this.path.test(url.pathname) && (await this.headingCount(this.heading)) > 0;
    if (status === 422 && !expected) throw applicationError('request_rejected', messages.requestRejected(this.screen));
    if (!this.path.test(url.pathname)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `想定外の画面に移動しました（${url.pathname}）`));
    }
    if ((await this.headingCount(this.heading)) === 0) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `見出し「${this.heading}」が見つかりません`));
    }
  }

  protected headingCount(name: string): Promise<number> {
    return this.page.getByRole('heading', { name, exact: true }).count();
  }

  /** The one element a locator names, visible; anything else is a layout this robot does not know. */
  protected async one(locator: Locator, what: string): Promise<Locator> {
    const count = await locator.count();
    if (count > 1) throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `「${what}」が複数あり、一つに定まりません`));
    try {
      await locator.waitFor({ state: 'visible', timeout: this.deps.elementTimeoutMs });
    } catch (error) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `「${what}」が見つかりません`), error);
    }
    return locator;
  }

  protected labelled(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  protected button(name: string, within: Locator | Page = this.page): Locator {
    return within.getByRole('button', { name, exact: true });
  }

  protected link(name: string, within: Locator | Page = this.page): Locator {
    return within.getByRole('link', { name, exact: true });
  }

  /** Flash messages: notices (role=status) and alerts (role=alert), as shown. */
  async flash(): Promise<{ notices: string[]; alerts: string[] }> {
    const texts = async (role: 'status' | 'alert') => (await this.page.getByRole(role).allInnerTexts()).map((t) => t.replace(/^×\s*/, '').trim()).filter(Boolean);
    return { notices: await texts('status'), alerts: await texts('alert') };
  }

  /** The dt/dd pairs of the definition list that has the given term. */
  protected async facts(term: string): Promise<Record<string, string>> {
    const list = await this.one(this.page.locator('dl').filter({ has: this.page.locator('dt', { hasText: term }) }), `${term}の欄`);
    // Inline callbacks only: see readTable on code that runs in the page.
    const pairs = await list.evaluate((dl) =>
      Array.from(dl.querySelectorAll('dt')).map((dt) => [
        (dt.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''),
        dt.nextElementSibling && dt.nextElementSibling.tagName === 'DD'
          ? (dt.nextElementSibling.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
          : '',
      ]),
    );
    return Object.fromEntries(pairs);
  }
}
