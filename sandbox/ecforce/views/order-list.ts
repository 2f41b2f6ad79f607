import { html, tokyoDateTime, yen, type SafeHtml } from '../html';
import type { Customer, Order } from '../model';
import type { OrderQuery } from '../store';
import { adminLayout, csrfField } from './layout';
import type { PageContext } from './page-context';
import { countLine, paginationNav, type PageSlice } from './pagination';

export interface OrderListView {
  query: OrderQuery;
  rawQuery: URLSearchParams;
  slice: PageSlice<Order>;
  customerOf(order: Order): Customer | undefined;
}

/** 受注管理: search, bulk actions and the paged list with 詳細/編集 per order. */
export function orderListPage(ctx: PageContext, view: OrderListView): SafeHtml {
  const { cls, text, variant } = ctx.skin;
  const q = view.query;
  const search = html`<div class="${cls.box}"><form method="get" action="/admin/orders" role="search" aria-label="受注検索" class="order-search">
<div class="form-group"><label for="q_number">${text.orderNumber}</label><input type="search" id="q_number" name="q[number]" value="${q.number ?? ''}"></div>
<div class="form-group"><label for="q_customer_number">${text.customerNumber}</label><input type="search" id="q_customer_number" name="q[customer_number]" value="${q.customerNumber ?? ''}"></div>
<div class="form-group"><label for="q_memo_cont">${text.orderMemoSearch}</label><input type="search" id="q_memo_cont" name="q[memo_cont]" value="${q.memo ?? ''}"></div>
<button type="submit" class="${cls.primaryButton}">${text.searchButton}</button> <a class="${cls.button}" href="/admin/orders">クリア</a></form></div>`;
  const bulk = html`<form method="post" action="/admin/orders/bulk" class="bulk-actions">${csrfField(ctx)}
<label><input type="checkbox" name="all_results" value="1"> 検索結果すべてを処理対象にする</label>
<select name="bulk_action" aria-label="一括処理"><option value="notify">メール一括通知</option></select>
<button type="submit" class="${cls.button}">実行</button></form>`;
  const link = (o: Order) => html`<a class="${cls.button} btn-xs" href="/admin/orders/${o.id}/edit">${text.editLink}</a>`;
  const copy = (o: Order) => html`<a class="${cls.button} btn-xs" href="/admin/orders/new/form?customer_id=${o.customerId}&amp;product_id=${o.items[0]?.productId ?? ''}">複製</a>`;
  const columns: Array<[string, (o: Order) => SafeHtml | string]> = [
    ['', (o) => html`<input type="checkbox" name="ids[]" value="${o.id}" aria-label="${o.number} を選択">`],
    [text.orderNumber, (o) => o.number],
    ['受注日時', (o) => tokyoDateTime(new Date(o.createdAt))],
    [text.customerNumber, (o) => view.customerOf(o)?.number ?? ''],
    ['氏名', (o) => view.customerOf(o)?.name ?? ''],
    ['商品', (o) => o.items.map((i) => `${i.name} ×${i.quantity}`).join('、')],
    ['合計金額', (o) => yen(o.total)],
    ['決済方法', (o) => o.paymentMethod],
    ['対応状況', (o) => o.state],
    ['', (o) => (variant ? html`${copy(o)} ${link(o)}` : link(o))],
  ];
  if (variant) columns.splice(1, 4, columns[4]!, columns[3]!, columns[1]!, columns[2]!);
  const table = html`<table class="${cls.table} order-table"><caption>${countLine(view.slice)}</caption>
<thead><tr>${columns.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>${view.slice.items.map((o) => html`<tr data-order-id="${o.id}">${columns.map(([, cell]) => html`<td>${cell(o)}</td>`)}</tr>`)}</tbody></table>`;
  const empty = html`<p class="no-result">該当する受注はありません。</p>`;
  return adminLayout(
    ctx,
    { title: '受注管理', heading: '受注管理', breadcrumb: ['受注管理', '受注一覧'], bodyClass: 'orders index' },
    html`${search}<div class="${cls.box}">${bulk}${view.slice.total === 0 ? empty : table}
${paginationNav('/admin/orders', view.rawQuery, view.slice)}</div>`,
  );
}
