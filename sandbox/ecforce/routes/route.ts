import type { SafeHtml } from '../html';
import type { Account, Permission } from '../model';
import type { Flash, Session } from '../sessions';
import type { EcforceState } from '../state';
import type { PageContext } from '../views/page-context';

export type Reply = { kind: 'page'; status: number; body: SafeHtml } | { kind: 'redirect'; location: string };

export interface AdminRequest {
  method: string;
  path: string;
  /** The route pattern's captured groups. */
  params: string[];
  query: URLSearchParams;
  form: URLSearchParams;
  state: EcforceState;
  session: Session;
  /** Null only on the routes that do not require signing in. */
  account: Account | null;
  now: Date;
  /** The context for rendering a page now; takes the session's flash messages. */
  page(): PageContext;
  flash(kind: Flash['kind'], text: string): void;
  /** Marks the request as one that changed the shop's data. */
  mutated(): void;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: RegExp;
  /** false for sign-in, which is reachable without a session. */
  signedIn: boolean;
  permission: Permission | null;
  handle(req: AdminRequest): Reply;
}

export const page = (body: SafeHtml, status = 200): Reply => ({ kind: 'page', status, body });
export const redirect = (location: string): Reply => ({ kind: 'redirect', location });

export function signedInAccount(req: AdminRequest): Account {
  if (!req.account) throw new Error('this route requires a signed-in member');
  return req.account;
}

export function idParam(req: AdminRequest, index = 0): number {
  const value = Number(req.params[index]);
  return Number.isSafeInteger(value) ? value : -1;
}
