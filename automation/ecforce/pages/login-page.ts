import { applicationError, messages, pageDetails, screenOf } from '../errors';
import { SIGN_IN_PATH, type ScreenDeps } from './admin-screen';

export type SignInOutcome = { kind: 'signed_in' } | { kind: 'rejected'; alerts: string[] } | { kind: 'request_rejected' };

const SCREEN = 'login';

/**
 * The sign-in page. The caller makes sure tracing is paused: the password is typed here and
 * sent in the form, and neither may reach a trace.
 */
export class LoginPage {
  constructor(private readonly deps: ScreenDeps) {}

  /** Opens the sign-in page; 'already' when the session is still signed in and the site moved on. */
  async open(): Promise<'sign_in' | 'already'> {
    this.deps.screen = SCREEN;
    const { page } = this.deps;
    await page.goto(new URL(SIGN_IN_PATH, this.deps.baseUrl).toString(), { timeout: this.deps.navigationTimeoutMs, waitUntil: 'load' });
    this.checkStatus();
    return new URL(page.url()).pathname === SIGN_IN_PATH ? 'sign_in' : 'already';
  }

  async signIn(email: string, password: string): Promise<SignInOutcome> {
    const { page } = this.deps;
    const emailField = page.getByLabel('メールアドレス', { exact: true });
    const passwordField = page.getByLabel('パスワード', { exact: true });
    const submit = page.getByRole('button', { name: 'ログイン', exact: true });
    for (const [locator, what] of [
      [emailField, 'メールアドレス'],
      [passwordField, 'パスワード'],
      [submit, 'ログイン'],
    ] as const) {
      if ((await locator.count()) !== 1) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(SCREEN), pageDetails.elementMissing(what)));
    }
    try {
      await emailField.fill(email);
      await passwordField.fill(password);
      const loaded = page.waitForEvent('load', { timeout: this.deps.navigationTimeoutMs });
      await submit.click();
      await loaded;
    } catch (error) {
      // Leave no typed password behind for a failure screenshot.
      await passwordField.fill('', { timeout: 1_000 }).catch(() => undefined);
      throw error;
    }
    const status = this.deps.documentStatus();
    if (status === 422) return { kind: 'request_rejected' };
    this.checkStatus();
    if (new URL(page.url()).pathname !== SIGN_IN_PATH) return { kind: 'signed_in' };
    const alerts = (await page.getByRole('alert').allInnerTexts()).map((t) => t.replace(/^×\s*/, '').trim());
    return { kind: 'rejected', alerts };
  }

  private checkStatus(): void {
    const status = this.deps.documentStatus();
    if (status !== null && status >= 500) throw applicationError('server_error', messages.serverError(status, screenOf(SCREEN)));
  }
}
