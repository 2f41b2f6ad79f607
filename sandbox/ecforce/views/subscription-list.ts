import { html, type SafeHtml } from '../html';
import type { Customer, Subscription, SubscriptionStatus } from '../model';
import type { SubscriptionQuery } from '../store';
import { adminLayout } from './layout';
import type { PageContext } from './page-context';
import { countLine, paginationNav, type PageSlice } from './pagination';

export interface SubscriptionListView {
  query: SubscriptionQuery;
  rawQuery: URLSearchParams;
  slice: PageSlice<Subscription>;
  customerOf(subscription: Subscription): Customer | undefined;
}

const STATUSES: SubscriptionStatus[] = ['有効', '停止', 'キャンセル'];

export function statusBadge(status: SubscriptionStatus): SafeHtml {
  const tone = status === '有効' ? 'active' : status === 'キャンセル' ? 'cancel' : 'suspend';
  return html`<span class="label-status ${tone}">${status}</span>`;
}

/** 定期受注管理: the subscriptions, searchable by 定期受注番号, 顧客番号 and ステータス. */
export function subscriptionListPage(ctx: PageContext, view: SubscriptionListView): SafeHtml {
  const { cls, text, variant } = ctx.skin;
  const q = view.query;
  const search = html`<div class="${cls.box}"><form method="get" action="/admin/subs_orders" role="search" aria-label="定期受注検索">
<div class="form-group"><label for="q_subs_number">${text.subscriptionNumber}</label><input type="search" id="q_subs_number" name="q[number]" value="${q.number ?? ''}"></div>
<div class="form-group"><label for="q_subs_customer_number">${text.customerNumber}</label><input type="search" id="q_subs_customer_number" name="q[customer_number]" value="${q.customerNumber ?? ''}"></div>
<div class="form-group"><label for="q_subs_status">${text.status}</label><select id="q_subs_status" name="q[status]"><option value="">すべて</option>${STATUSES.map(
    (s) => html`<option value="${s}"${s === q.status ? html` selected` : ''}>${s}</option>`,
  )}</select></div>
<button type="submit" class="${cls.primaryButton}">${text.searchButton}</button> <a class="${cls.button}" href="/admin/subs_orders">クリア</a></form></div>`;
  const columns: Array<[string, (s: Subscription) => SafeHtml | string]> = [
    [text.subscriptionNumber, (s) => s.number],
    [text.customerNumber, (s) => view.customerOf(s)?.number ?? ''],
    ['氏名', (s) => view.customerOf(s)?.name ?? ''],
    ['商品名', (s) => s.productName],
    ['商品コード', (s) => s.productCode],
    ['コース', (s) => s.courseName],
    ['定期内受注数', (s) => String(s.orderCount)],
    [text.status, (s) => statusBadge(s.status)],
    ['次回お届け予定日', (s) => s.nextDeliveryOn ?? '-'],
    ['', (s) => html`<a class="${cls.button} btn-xs" href="/admin/subs_orders/${s.id}/edit">${text.editLink}</a>`],
  ];
  if (variant) columns.splice(0, 0, columns.splice(7, 1)[0]!);
  const table = html`<table class="${cls.table} subs-order-table"><caption>${countLine(view.slice)}</caption>
<thead><tr>${columns.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>${view.slice.items.map((s) => html`<tr data-subs-order-id="${s.id}">${columns.map(([, cell]) => html`<td>${cell(s)}</td>`)}</tr>`)}</tbody></table>`;
  return adminLayout(
    ctx,
    { title: '定期受注管理', heading: '定期受注管理', breadcrumb: ['受注管理', '定期受注一覧'], bodyClass: 'subs_orders index' },
    html`${search}<div class="${cls.box}">${view.slice.total === 0 ? html`<p class="no-result">該当する定期受注はありません。</p>` : table}
${paginationNav('/admin/subs_orders', view.rawQuery, view.slice)}</div>`,
  );
}
