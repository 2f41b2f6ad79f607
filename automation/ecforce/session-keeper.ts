import { DriverError } from '../cart-driver';
import { applicationError, businessError, messages, pageDetails, screenOf, SessionExpiredSignal, toDriverError, type Redact } from './errors';
import type { ScreenDeps } from './pages/admin-screen';
import { LoginPage } from './pages/login-page';
import type { FlowTracer } from './tracer';

export interface Credentials {
  email: string;
  password: string;
}

const WRONG_CREDENTIALS = 'メールアドレスまたはパスワードが違います';

/**
 * Keeps the admin signed in. Signing in always happens with the flow's tracing paused. When a
 * step finds the sign-in page instead of its screen (the session timed out), the keeper signs
 * in again and runs the step once more; a second expiry, or a failed sign-in then, is an
 * application error.
 */
export class SessionKeeper {
  private signedIn = false;

  constructor(
    private readonly deps: ScreenDeps,
    private readonly credentials: Credentials,
    private readonly log: (line: string) => void,
    private readonly redact: Redact,
  ) {}

  forget(): void {
    this.signedIn = false;
  }

  async ensure(tracer: FlowTracer): Promise<void> {
    if (!this.signedIn) await this.signIn(tracer);
  }

  async signIn(tracer: FlowTracer): Promise<void> {
    const wasTracing = await tracer.pause();
    try {
      const login = new LoginPage(this.deps);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        if ((await login.open()) === 'already') {
          this.signedIn = true;
          return;
        }
        const outcome = await login.signIn(this.credentials.email, this.credentials.password);
        if (outcome.kind === 'signed_in') {
          this.signedIn = true;
          this.log('ecforce: ログインしました');
          return;
        }
        if (outcome.kind === 'rejected') {
          if (outcome.alerts.some((a) => a.includes(WRONG_CREDENTIALS))) throw businessError('login_rejected', messages.loginRejected);
          throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('login'), pageDetails.signInFailed(outcome.alerts.join(' ') || pageDetails.noReasonShown)));
        }
        // 422: the sign-in form's token went stale; a fresh form is tried once.
      }
      throw applicationError('request_rejected', messages.requestRejected(screenOf('login')));
    } finally {
      if (wasTracing) await tracer.resume();
    }
  }

  async withSession<T>(tracer: FlowTracer, step: (attempt: number) => Promise<T>): Promise<T> {
    try {
      return await step(0);
    } catch (error) {
      if (!(error instanceof SessionExpiredSignal)) throw error;
      this.signedIn = false;
      this.log(`ecforce: セッションが切れたため再ログインします（${screenOf(error.screen)}）`);
    }
    try {
      await this.signIn(tracer);
    } catch (error) {
      const cause = error instanceof DriverError ? error : toDriverError(error, 'login', this.redact);
      throw applicationError('session_expired', messages.sessionExpired, cause);
    }
    try {
      return await step(1);
    } catch (error) {
      if (error instanceof SessionExpiredSignal) {
        this.signedIn = false;
        throw applicationError('session_expired', messages.sessionExpired);
      }
      throw error;
    }
  }
}
