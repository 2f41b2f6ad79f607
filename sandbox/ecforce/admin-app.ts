import type http from 'node:http';
import { readBody } from '../shared/http';
import type { SafeHtml } from './html';
import { maskFields } from './recorder';
import { authRoutes } from './routes/auth-routes';
import { orderCreateRoutes } from './routes/order-create-routes';
import { orderRoutes } from './routes/order-routes';
import type { AdminRequest, Reply, Route } from './routes/route';
import { subscriptionRoutes } from './routes/subscription-routes';
import { SESSION_COOKIE, TIMEOUT_MESSAGE, type Session } from './sessions';
import { skinFor } from './skins';
import type { EcforceState } from './state';
import { forbiddenPage, notFoundPage, staticErrorPage } from './views/errors';

const ROUTES: Route[] = [...authRoutes, ...orderCreateRoutes, ...orderRoutes, ...subscriptionRoutes];
export const SIGN_IN_REQUIRED_MESSAGE = 'ログインもしくはアカウント登録してください。';

/**
 * One admin request, in the order a Rails admin handles it: injected faults, the session
 * (idle timeout), CSRF for every POST, sign-in, the member's role, then the page itself.
 */
export async function handleAdmin(state: EcforceState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const skin = skinFor(state.faults.settings().layout);

  const isPost = req.method === 'POST';
  const form = isPost ? new URLSearchParams(await readBody(req, 1024 * 1024)) : new URLSearchParams();
  const { session, created } = state.sessions.resolve(readCookie(req, SESSION_COOKIE));
  if (created) res.setHeader('set-cookie', `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`);
  const signedInAs = () => (session.accountId === null ? null : (state.accounts.byId(session.accountId)?.email ?? null));
  let mutated = false;
  const record = (status: number, account: string | null) => {
    if (isPost) state.posts.record({ at: state.clock.now().toISOString(), path: url.pathname, fields: maskFields(form), account, status, mutated });
  };

  const faultStatus = await state.faults.applyShared();
  if (faultStatus !== null) {
    const body = staticErrorPage({ skin, csrfToken: session.csrfToken }, faultStatus);
    return finish(res, { kind: 'page', status: faultStatus, body }, record, signedInAs());
  }
  state.sessions.touch(session);
  const override = form.get('_method')?.toUpperCase();
  const method = isPost && override === 'PATCH' ? 'PATCH' : (req.method ?? 'GET');

  if (url.pathname === '/' || url.pathname === '') return finish(res, redirectTo('/admin'), record, signedInAs());
  const match = matchRoute(method, url.pathname);
  const account = session.accountId === null ? null : (state.accounts.byId(session.accountId) ?? null);
  const context = () => {
    const flash = session.flash;
    session.flash = [];
    return { skin, csrfToken: session.csrfToken, account, flash, now: state.clock.now() };
  };

  if (isPost && form.get('authenticity_token') !== session.csrfToken) {
    return finish(res, { kind: 'page', status: 422, body: staticErrorPage({ skin, csrfToken: session.csrfToken }, 422) }, record, signedInAs());
  }
  if (!match) return finish(res, { kind: 'page', status: 404, body: notFoundPage(context()) }, record, signedInAs());
  const { route, params } = match;

  if (route.signedIn) {
    if (session.accountId !== null && state.faults.expiresSession()) state.sessions.timeOut(session);
    if (session.accountId === null || !account) {
      if (!session.flash.some((f) => f.text === TIMEOUT_MESSAGE)) session.flash.push({ kind: 'alert', text: SIGN_IN_REQUIRED_MESSAGE });
      if (method === 'GET') session.returnTo = url.pathname + url.search;
      return finish(res, redirectTo('/admin/sign_in'), record, null);
    }
    if (route.permission !== null && !account.permissions.includes(route.permission)) {
      return finish(res, { kind: 'page', status: 403, body: forbiddenPage(context()) }, record, account.email);
    }
  }

  const request: AdminRequest = {
    method,
    path: url.pathname,
    params,
    query: url.searchParams,
    form,
    state,
    session,
    account: route.signedIn ? account : null,
    now: state.clock.now(),
    page: context,
    flash: (kind, text) => flashOn(session, kind, text),
    mutated: () => {
      mutated = true;
    },
  };
  let reply = route.handle(request);
  // A change that was saved but whose answer is lost: the robot must find it, not redo it.
  if (mutated && state.faults.takeFailAfterCommit()) {
    reply = { kind: 'page', status: 500, body: staticErrorPage({ skin, csrfToken: session.csrfToken }, 500) };
  }
  return finish(res, reply, record, signedInAs());
}

function matchRoute(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1).map((p) => p ?? '') };
  }
  return null;
}

function flashOn(session: Session, kind: 'notice' | 'alert', text: string): void {
  session.flash.push({ kind, text });
}

function redirectTo(location: string): Reply {
  return { kind: 'redirect', location };
}

function finish(
  res: http.ServerResponse,
  reply: Reply,
  record: (status: number, account: string | null) => void,
  account: string | null,
): void {
  if (reply.kind === 'redirect') {
    res.writeHead(302, { location: reply.location, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
    record(302, account);
    return;
  }
  send(res, reply.status, reply.body);
  record(reply.status, account);
}

function send(res: http.ServerResponse, status: number, body: SafeHtml): void {
  const text = body.toString();
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-frame-options': 'SAMEORIGIN',
  });
  res.end(text);
}

function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
