import { dashboardPage, productListPage } from '../views/dashboard';
import { loginPage } from '../views/login';
import { page, redirect, type Route } from './route';

export const LOGIN_FAILED_MESSAGE = 'メールアドレスまたはパスワードが違います。';

/** Sign-in and sign-out (Devise-like), the dashboard and the product master's list. */
export const authRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/admin\/sign_in$/,
    signedIn: false,
    permission: null,
    handle(req) {
      if (req.session.accountId !== null) return redirect('/admin');
      return page(loginPage(req.page(), ''));
    },
  },
  {
    method: 'POST',
    pattern: /^\/admin\/sign_in$/,
    signedIn: false,
    permission: null,
    handle(req) {
      const email = req.form.get('admin[email]') ?? '';
      const account = req.state.accounts.authenticate(email, req.form.get('admin[password]') ?? '');
      if (!account) {
        req.flash('alert', LOGIN_FAILED_MESSAGE);
        return page(loginPage(req.page(), email));
      }
      req.state.sessions.signIn(req.session, account.id);
      const target = req.session.returnTo ?? '/admin';
      req.session.returnTo = null;
      req.flash('notice', 'ログインしました。');
      return redirect(target);
    },
  },
  {
    method: 'POST',
    pattern: /^\/admin\/sign_out$/,
    signedIn: false,
    permission: null,
    handle(req) {
      req.state.sessions.signOut(req.session);
      req.flash('notice', 'ログアウトしました。');
      return redirect('/admin/sign_in');
    },
  },
  {
    method: 'GET',
    pattern: /^\/admin\/?$/,
    signedIn: true,
    permission: null,
    handle(req) {
      const today = req.now.toISOString().slice(0, 10);
      const orders = [...req.state.store.orders.values()];
      return page(
        dashboardPage(req.page(), {
          ordersToday: orders.filter((o) => o.createdAt.startsWith(today)).length,
          ordersTotal: orders.length,
          activeSubscriptions: [...req.state.store.subscriptions.values()].filter((s) => s.status === '有効').length,
        }),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/admin\/products$/,
    signedIn: true,
    permission: null,
    handle(req) {
      const keyword = req.query.get('q[keyword]') ?? '';
      return page(productListPage(req.page(), req.state.store.searchProducts(keyword), keyword));
    },
  },
];
