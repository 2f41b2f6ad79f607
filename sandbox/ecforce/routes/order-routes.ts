import { ORDER_STATES } from '../model';
import type { OrderQuery } from '../store';
import { notFoundPage } from '../views/errors';
import { orderEditPage } from '../views/order-edit';
import { orderListPage } from '../views/order-list';
import { paginate } from '../views/pagination';
import { idParam, page, redirect, type Route } from './route';

const TABS = new Set(['basic', 'items', 'shipping', 'payment']);

/** 受注管理 > 受注管理: the list, 詳細/編集 and saving the 基本設定 tab. */
export const orderRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/admin\/orders$/,
    signedIn: true,
    permission: '受注管理',
    handle(req) {
      const { store } = req.state;
      const query: OrderQuery = {};
      const number = req.query.get('q[number]');
      const customerNumber = req.query.get('q[customer_number]');
      const memo = req.query.get('q[memo_cont]');
      if (number) query.number = number;
      if (customerNumber) query.customerNumber = customerNumber;
      if (memo) query.memo = memo;
      const slice = paginate(store.searchOrders(query), Number(req.query.get('page') ?? '1'));
      const rawQuery = new URLSearchParams(req.query);
      rawQuery.delete('page');
      return page(orderListPage(req.page(), { query, rawQuery, slice, customerOf: (o) => store.customers.get(o.customerId) }));
    },
  },
  {
    method: 'POST',
    pattern: /^\/admin\/orders\/bulk$/,
    signedIn: true,
    permission: '受注管理',
    handle(req) {
      const selected = req.form.getAll('ids[]').length;
      if (selected === 0 && req.form.get('all_results') !== '1') {
        req.flash('alert', '処理対象の受注を選択してください。');
      } else {
        req.flash('notice', '受注 メール一括通知を登録しました。');
      }
      return redirect('/admin/orders');
    },
  },
  {
    method: 'GET',
    pattern: /^\/admin\/orders\/(\d+)$/,
    signedIn: true,
    permission: '受注管理',
    handle: (req) => redirect(`/admin/orders/${idParam(req)}/edit`),
  },
  {
    method: 'GET',
    pattern: /^\/admin\/orders\/(\d+)\/edit$/,
    signedIn: true,
    permission: '受注管理',
    handle(req) {
      const { store } = req.state;
      const order = store.orders.get(idParam(req));
      if (!order) return page(notFoundPage(req.page()), 404);
      const tab = req.query.get('tab') ?? 'basic';
      return page(
        orderEditPage(req.page(), {
          order,
          customer: store.customers.get(order.customerId),
          subscription: order.subscriptionId === null ? undefined : store.subscriptions.get(order.subscriptionId),
          tab: TABS.has(tab) ? tab : 'basic',
        }),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/admin\/orders\/(\d+)$/,
    signedIn: true,
    permission: '受注管理',
    handle(req) {
      const { store } = req.state;
      const order = store.orders.get(idParam(req));
      if (!order) return page(notFoundPage(req.page()), 404);
      const memo = (req.form.get('order[memo]') ?? order.memo).replaceAll('\r\n', '\n');
      if (memo.length > 10_000) {
        req.flash('alert', '受注備考欄は10000文字以内で入力してください。');
        return redirect(`/admin/orders/${order.id}/edit`);
      }
      const state = ORDER_STATES.find((s) => s === req.form.get('order[state]')) ?? order.state;
      store.updateOrder(order.id, { memo, state, needsAttention: req.form.get('order[needs_attention]') === '1' }, req.now);
      req.mutated();
      req.flash('notice', '受注を更新しました。');
      return redirect(`/admin/orders/${order.id}/edit`);
    },
  },
];
