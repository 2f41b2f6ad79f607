import type { SubscriptionStatus } from '../model';
import type { SubscriptionQuery } from '../store';
import { notFoundPage } from '../views/errors';
import { paginate } from '../views/pagination';
import { subscriptionEditPage } from '../views/subscription-edit';
import { subscriptionListPage } from '../views/subscription-list';
import { idParam, page, redirect, type AdminRequest, type Reply, type Route } from './route';

const STATUSES: SubscriptionStatus[] = ['有効', '停止', 'キャンセル'];

/** Which status moves are allowed, and what the site says when one is not. */
const TRANSITIONS: Record<string, { to: SubscriptionStatus; from: SubscriptionStatus[]; done: string; refused: (s: SubscriptionStatus) => string }> = {
  suspend: {
    to: '停止',
    from: ['有効'],
    done: '定期受注を停止しました。',
    refused: (s) => (s === '停止' ? 'この定期受注は既に停止しています。' : 'キャンセル済みの定期受注は停止できません。'),
  },
  resume: {
    to: '有効',
    from: ['停止'],
    done: '定期受注を再開しました。',
    refused: (s) => (s === '有効' ? 'この定期受注は既に有効です。' : 'キャンセル済みの定期受注は再開できません。'),
  },
  cancel: {
    to: 'キャンセル',
    from: ['有効', '停止'],
    done: '定期受注をキャンセルしました。',
    refused: () => 'この定期受注は既にキャンセルされています。',
  },
};

function changeStatus(req: AdminRequest, action: string): Reply {
  const { store } = req.state;
  const subscription = store.subscriptions.get(idParam(req));
  const transition = TRANSITIONS[action];
  if (!subscription || !transition) return page(notFoundPage(req.page()), 404);
  if (!transition.from.includes(subscription.status)) {
    req.flash('alert', transition.refused(subscription.status));
  } else {
    store.setSubscriptionStatus(subscription.id, transition.to, req.now);
    req.mutated();
    req.flash('notice', transition.done);
  }
  return redirect(`/admin/subs_orders/${subscription.id}/edit`);
}

/** 受注管理 > 定期受注管理: list, 詳細/編集, the status actions and the memo. */
export const subscriptionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/admin\/subs_orders$/,
    signedIn: true,
    permission: '定期受注管理',
    handle(req) {
      const { store } = req.state;
      const query: SubscriptionQuery = {};
      const number = req.query.get('q[number]');
      const customerNumber = req.query.get('q[customer_number]');
      const status = STATUSES.find((s) => s === req.query.get('q[status]'));
      if (number) query.number = number;
      if (customerNumber) query.customerNumber = customerNumber;
      if (status) query.status = status;
      const slice = paginate(store.searchSubscriptions(query), Number(req.query.get('page') ?? '1'));
      const rawQuery = new URLSearchParams(req.query);
      rawQuery.delete('page');
      return page(subscriptionListPage(req.page(), { query, rawQuery, slice, customerOf: (s) => store.customers.get(s.customerId) }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/admin\/subs_orders\/(\d+)\/edit$/,
    signedIn: true,
    permission: '定期受注管理',
    handle(req) {
      const { store } = req.state;
      const subscription = store.subscriptions.get(idParam(req));
      if (!subscription) return page(notFoundPage(req.page()), 404);
      return page(subscriptionEditPage(req.page(), { subscription, customer: store.customers.get(subscription.customerId) }));
    },
  },
  {
    method: 'POST',
    pattern: /^\/admin\/subs_orders\/(\d+)\/(suspend|resume|cancel)$/,
    signedIn: true,
    permission: '定期受注管理',
    handle: (req) => changeStatus(req, req.params[1] ?? ''),
  },
  {
    method: 'PATCH',
    pattern: /^\/admin\/subs_orders\/(\d+)$/,
    signedIn: true,
    permission: '定期受注管理',
    handle(req) {
      const { store } = req.state;
      const subscription = store.subscriptions.get(idParam(req));
      if (!subscription) return page(notFoundPage(req.page()), 404);
      subscription.memo = (req.form.get('subs_order[memo]') ?? subscription.memo).replaceAll('\r\n', '\n');
      subscription.updatedAt = req.now.toISOString();
      req.mutated();
      req.flash('notice', '定期受注を更新しました。');
      return redirect(`/admin/subs_orders/${subscription.id}/edit`);
    },
  },
];
