import { randomBytes } from 'node:crypto';
import type { Clock } from '../../electron/core/clock';

export const SESSION_COOKIE = '_ecforce_admin_session';
export const TIMEOUT_MESSAGE = 'セッションがタイムアウトしました。もう一度ログインしてください。';

export interface Flash {
  kind: 'notice' | 'alert';
  text: string;
}

export interface Session {
  id: string;
  csrfToken: string;
  accountId: number | null;
  lastSeenAt: number;
  flash: Flash[];
  /** Where a GET that needed sign-in was going, to return there after signing in. */
  returnTo: string | null;
}

export interface Sessions {
  /** The session behind a cookie value, or a fresh anonymous one when it is unknown. */
  resolve(cookieValue: string | undefined): { session: Session; created: boolean };
  /** Idle timeout: a signed-in session unused for too long is signed out, its CSRF token kept. */
  touch(session: Session): void;
  signIn(session: Session, accountId: number): void;
  /** Signs the session out as a timeout does: the member sees why, the CSRF token stays valid. */
  timeOut(session: Session): void;
  signOut(session: Session): void;
  /** Signs every session out as if each had timed out. */
  expireAll(): number;
  count(): number;
  clear(): void;
}

export function createSessions(clock: Clock, idleTimeoutMs: () => number): Sessions {
  const sessions = new Map<string, Session>();
  const create = (): Session => {
    const session: Session = {
      id: randomBytes(24).toString('base64url'),
      csrfToken: newToken(),
      accountId: null,
      lastSeenAt: clock.now().getTime(),
      flash: [],
      returnTo: null,
    };
    sessions.set(session.id, session);
    return session;
  };
  const timeOut = (session: Session) => {
    session.accountId = null;
    session.flash.push({ kind: 'alert', text: TIMEOUT_MESSAGE });
  };
  return {
    resolve(cookieValue) {
      const existing = cookieValue === undefined ? undefined : sessions.get(cookieValue);
      return existing ? { session: existing, created: false } : { session: create(), created: true };
    },
    touch(session) {
      const now = clock.now().getTime();
      if (session.accountId !== null && now - session.lastSeenAt > idleTimeoutMs()) timeOut(session);
      session.lastSeenAt = now;
    },
    signIn(session, accountId) {
      session.accountId = accountId;
      // A new token at sign-in, so a form loaded before signing in cannot be replayed after.
      session.csrfToken = newToken();
    },
    timeOut,
    signOut(session) {
      session.accountId = null;
      session.csrfToken = newToken();
    },
    expireAll() {
      let expired = 0;
      for (const session of sessions.values()) {
        if (session.accountId === null) continue;
        timeOut(session);
        expired += 1;
      }
      return expired;
    },
    count: () => sessions.size,
    clear: () => sessions.clear(),
  };
}

function newToken(): string {
  return randomBytes(32).toString('base64');
}
