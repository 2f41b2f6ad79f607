import type { BrowserContext, Locator, Page } from 'playwright-core';
import { applicationError, businessError, messages, pageDetails, rightOf, screenOf, SessionExpiredSignal, type ScreenCode } from '../errors';
import { sameAddress, searchAddress, type LearnedSearch, type ScreenMemory } from './screen-memory';
import { readTable, type TableRow } from './table';

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
  screen: ScreenCode;
  /** What the driver learnt of the site in this session; without it every page is reached by clicking. */
  memory?: ScreenMemory;
}

/**
 * A new tab of the admin site, ready for its page objects: it remembers the HTTP status of each
 * document it shows (a 403 or 500 page says more than its HTML) and applies the timeouts.
 */
export async function openAdminPage(
  context: BrowserContext,
  options: { baseUrl: string; elementTimeoutMs: number; navigationTimeoutMs: number; memory?: ScreenMemory },
): Promise<ScreenDeps> {
  const page = await context.newPage();
  let lastStatus: number | null = null;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) lastStatus = response.status();
  });
  page.setDefaultTimeout(options.elementTimeoutMs);
  page.setDefaultNavigationTimeout(options.navigationTimeoutMs);
  return {
    page,
    baseUrl: options.baseUrl,
    elementTimeoutMs: options.elementTimeoutMs,
    navigationTimeoutMs: options.navigationTimeoutMs,
    documentStatus: () => lastStatus,
    screen: 'login',
    ...(options.memory ? { memory: options.memory } : {}),
  };
}

/** A search as a person makes it: text typed into labelled fields, options picked in others. */
export interface SearchInput {
  text: Record<string, string>;
  /** Options by the select's label; the same ones on every search of a screen (they are learnt with the form). */
  choose?: Record<string, string>;
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
  /** Names the screen in messages (orderForm: 受注作成（注文画面）), said in the viewer's language. */
  protected abstract readonly screen: ScreenCode;
  protected abstract readonly heading: string;
  protected abstract readonly path: RegExp;
  protected abstract readonly right: AdminRight | null;
  /** A second heading naming the step, on screens that share their main heading (受注作成). */
  protected readonly stepHeading: string | null = null;

  constructor(protected readonly deps: ScreenDeps) {}

  protected get page(): Page {
    return this.deps.page;
  }

  /** Documents this page object has loaded, so what was read from one is not taken for the next. */
  protected loads = 0;

  protected async goto(pathAndQuery: string): Promise<void> {
    this.deps.screen = this.screen;
    this.loads += 1;
    await this.page.goto(new URL(pathAndQuery, this.deps.baseUrl).toString(), { timeout: this.deps.navigationTimeoutMs, waitUntil: 'load' });
    await this.verify();
  }

  /** Runs an action that loads a new document (a click on a link or a submit) and waits for it. */
  protected async navigateBy(action: () => Promise<void>): Promise<void> {
    this.deps.screen = this.screen;
    this.loads += 1;
    const loaded = this.page.waitForEvent('load', { timeout: this.deps.navigationTimeoutMs });
    // When the action fails, nobody waits for the load any more; its timeout must not go unhandled.
    loaded.catch(() => undefined);
    await action();
    await loaded;
  }

  /**
   * Searches with the screen's GET search form. The first time, the form is opened, filled and
   * submitted by clicking; when the address the browser then shows is exactly what the form's
   * fields make, the form is remembered, and later searches load that address with the new
   * values: one page load instead of two. The results page must show the search in its form,
   * or the site no longer reads the address that way and the form is used again.
   */
  protected async searchWith(open: () => Promise<void>, input: SearchInput): Promise<void> {
    const learned = this.deps.memory?.searches.get(this.screen);
    if (learned) {
      await this.goto(searchAddress(learned, input.text));
      if (await this.showsSearch(input)) return;
      this.deps.memory?.searches.delete(this.screen);
    }
    await open();
    const fields = new Map<string, Locator>();
    for (const label of Object.keys(input.text)) fields.set(label, await this.one(this.labelled(label), label));
    const selects = new Map<string, Locator>();
    for (const label of Object.keys(input.choose ?? {})) selects.set(label, await this.one(this.labelled(label), label));
    const submit = await this.one(this.button('検索'), '検索');
    for (const [label, select] of selects) await select.selectOption({ label: input.choose![label]! });
    for (const [label, field] of fields) await field.fill(input.text[label]!);
    const candidate = this.deps.memory ? await this.formOf(submit, fields) : null;
    await this.navigateBy(() => submit.click());
    await this.verify();
    if (candidate && sameAddress(this.page.url(), searchAddress(candidate, input.text))) this.deps.memory?.searches.set(this.screen, candidate);
  }

  /** True when the search form shows these values, as a results page does. */
  private async showsSearch(input: SearchInput): Promise<boolean> {
    const timeout = this.deps.elementTimeoutMs;
    const checks = [
      ...Object.entries(input.text).map(async ([label, value]) => (await this.labelled(label).inputValue({ timeout })) === value),
      ...Object.entries(input.choose ?? {}).map(async ([label, option]) => {
        const chosen = await this.labelled(label).evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? '', undefined, { timeout });
        return chosen.trim() === option;
      }),
    ];
    return (await Promise.all(checks.map((check) => check.catch(() => false)))).every(Boolean);
  }

  /** The GET form a submit button sends, as the browser would send it now; null for anything else. */
  private async formOf(submit: Locator, fields: Map<string, Locator>): Promise<LearnedSearch | null> {
    // Inline callbacks only: see readTable on code that runs in the page.
    const form = await submit.evaluate((button) => {
      const owner = (button as HTMLButtonElement).form;
      if (!owner || owner.method.toLowerCase() !== 'get') return null;
      const entries = Array.from(new FormData(owner, button as HTMLButtonElement)).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : '']);
      return { action: owner.action, entries };
    });
    if (!form || form.entries.some(([name]) => name === 'authenticity_token')) return null;
    const names: Record<string, string> = {};
    for (const [label, field] of fields) {
      const name = await field.getAttribute('name');
      if (!name || form.entries.filter(([n]) => n === name).length !== 1) return null;
      names[label] = name;
    }
    return { action: form.action, entries: form.entries, names };
  }

  async verify(): Promise<void> {
    this.deps.screen = this.screen;
    const url = new URL(this.page.url());
    if (url.pathname === SIGN_IN_PATH) throw new SessionExpiredSignal(this.screen);
    const status = this.deps.documentStatus();
    if (status !== null && status >= 500) throw applicationError('server_error', messages.serverError(status, screenOf(this.screen)));
    // Every heading in one round trip: each trip to the page costs more than the checks.
    const headings = await this.headings();
    if (status === 403 || headings.includes(FORBIDDEN_HEADING)) {
      throw businessError('permission_denied', messages.permissionDenied(rightOf(this.right ?? '管理画面の利用')));
    }
    if (status === 404) throw new NotFoundSignal(this.screen);
    // 422 is both the CSRF refusal (a bare error page) and a form shown again with its errors.
    const expected = this.path.test(url.pathname) && headings.includes(this.heading);
    if (status === 422 && !expected) throw applicationError('request_rejected', messages.requestRejected(screenOf(this.screen)));
    if (!this.path.test(url.pathname)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.movedElsewhere(url.pathname)));
    }
    for (const heading of [this.heading, ...(this.stepHeading ? [this.stepHeading] : [])]) {
      if (!headings.includes(heading)) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.headingMissing(heading)));
    }
  }

  /** The visible headings' text, whitespace collapsed as in their accessible names. */
  protected async headings(): Promise<string[]> {
    return (await this.page.getByRole('heading').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The one element a locator names, visible; anything else is a layout this robot does not know. */
  protected async one(locator: Locator, what: string): Promise<Locator> {
    await this.strictly(locator, what, (l) => l.waitFor({ state: 'visible', timeout: this.deps.elementTimeoutMs }));
    return locator;
  }

  /**
   * Reads or acts on the one element a locator names, in one round trip: Playwright's locators
   * are strict, so the call fails unless exactly one element matches, and that failure is
   * reported as a layout this robot does not know.
   */
  protected async strictly<T>(locator: Locator, what: string, use: (locator: Locator) => Promise<T>): Promise<T> {
    try {
      return await use(locator);
    } catch (error) {
      if ((await locator.count().catch(() => 0)) > 1) {
        throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.elementTwice(what)));
      }
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.elementMissing(what)), error);
    }
  }

  /** The rows of the one table a locator names; linkName adds each row's links of that name. */
  protected table(locator: Locator, what: string, linkName?: string): Promise<TableRow[]> {
    return this.strictly(locator, what, (l) => readTable(l, linkName));
  }

  /**
   * Every row of a search's hits, from the current page on through ページ送り (bounded: the
   * robot's searches have few hits). `empty` is the list's own "no hits" text, `keyColumn` a
   * column only the hits table has.
   */
  protected async allHits<T>(
    list: { empty: string; keyColumn: string; what: string },
    toRow: (row: TableRow) => T,
    maxPages: number,
  ): Promise<T[]> {
    const rows: T[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      if ((await this.page.getByText(list.empty, { exact: true }).count()) === 0) {
        const table = this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: list.keyColumn, exact: true }) });
        rows.push(...(await this.table(table, list.what, '詳細/編集')).map(toRow));
      }
      const next = this.page.getByRole('navigation', { name: 'ページ送り' }).getByRole('link', { name: '次へ ›', exact: true });
      if ((await next.count()) === 0) return rows;
      await this.navigateBy(() => next.click());
      await this.verify();
    }
    throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.tooManyPages(maxPages)));
  }

  /** The value of the one field with this label. */
  protected valueOf(label: string): Promise<string> {
    return this.strictly(this.labelled(label), label, (l) => l.inputValue());
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
    const list = this.page.locator('dl').filter({ has: this.page.locator('dt', { hasText: term }) });
    // Inline callbacks only: see readTable on code that runs in the page.
    const pairs = await this.strictly(list, term, (l) => l.evaluate((dl) =>
      Array.from(dl.querySelectorAll('dt')).map((dt) => [
        (dt.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''),
        dt.nextElementSibling && dt.nextElementSibling.tagName === 'DD'
          ? (dt.nextElementSibling.textContent ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
          : '',
      ]),
    ));
    return Object.fromEntries(pairs);
  }
}
