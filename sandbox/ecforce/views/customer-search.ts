import { html, type SafeHtml } from '../html';
import type { Customer } from '../model';
import type { CustomerSearchField } from '../store';
import { adminLayout } from './layout';
import type { PageContext } from './page-context';

export interface CustomerSearchView {
  mode: 'choose' | 'existing' | 'new';
  field: CustomerSearchField;
  keyword: string;
  /** null before a search was made. */
  results: Customer[] | null;
}

const FIELD_LABELS: Record<CustomerSearchField, string> = { id: '顧客ID', number: '顧客番号', email: 'メールアドレス' };

/** 受注管理 > 受注作成: pick 新規顧客 or 既存顧客, then search the existing one and go to the order screen. */
export function customerSearchPage(ctx: PageContext, view: CustomerSearchView): SafeHtml {
  const { cls } = ctx.skin;
  return adminLayout(
    ctx,
    { title: '受注作成', heading: '受注作成', breadcrumb: ['受注管理', '受注作成'], bodyClass: 'orders new' },
    html`<div class="${cls.box}"><div class="box-header"><h2 class="box-title">顧客を選択</h2></div>
<div class="btn-group">
<a class="${view.mode === 'new' ? cls.primaryButton : cls.button}" href="/admin/orders/new?customer_type=new">新規顧客はこちらから</a>
<a class="${view.mode === 'existing' ? cls.primaryButton : cls.button}" href="/admin/orders/new?customer_type=existing">既存顧客はこちらから</a>
<a class="${cls.button}" href="/admin/orders/csv_import">CSV一括作成</a></div></div>
${view.mode === 'existing' ? existingCustomerSearch(ctx, view) : ''}
${view.mode === 'new' ? html`<div class="${cls.box}"><p>新規顧客の受注作成では、お客様情報を入力してから注文画面へ進みます。（この環境では既存顧客からの作成のみ利用できます）</p></div>` : ''}`,
  );
}

function existingCustomerSearch(ctx: PageContext, view: CustomerSearchView): SafeHtml {
  const { ids, cls, text, variant } = ctx.skin;
  const fieldOrder: CustomerSearchField[] = variant ? ['number', 'email', 'id'] : ['id', 'number', 'email'];
  const form = html`<form class="customer-search" method="get" action="/admin/orders/new" role="search" aria-label="既存顧客検索">
<input type="hidden" name="customer_type" value="existing">
<div class="form-group"><label for="${ids.customerSearchField}">${text.customerSearchField}</label>
<select id="${ids.customerSearchField}" name="q[field]">${fieldOrder.map(
    (f) => html`<option value="${f}"${f === view.field ? html` selected` : ''}>${FIELD_LABELS[f]}</option>`,
  )}</select></div>
<div class="form-group"><label for="${ids.customerSearchKeyword}">${text.customerSearchKeyword}</label>
<input type="search" id="${ids.customerSearchKeyword}" name="q[keyword]" value="${view.keyword}"></div>
<button type="submit" class="${cls.primaryButton}">${text.customerSearchButton}</button></form>`;
  return html`<div class="${cls.box}"><h2 class="box-title">既存顧客を検索</h2>${form}</div>${view.results === null ? '' : results(ctx, view.results)}`;
}

function results(ctx: PageContext, customers: Customer[]): SafeHtml {
  const { cls, text, variant } = ctx.skin;
  if (customers.length === 0) return html`<div class="${cls.box}"><p class="no-result">該当する顧客が見つかりませんでした。</p></div>`;
  const action = (c: Customer) =>
    variant
      ? html`<form method="get" action="/admin/orders/new/form"><input type="hidden" name="customer_id" value="${c.id}"><button type="submit" class="${cls.primaryButton}">${text.toOrderForm}</button></form>`
      : html`<a class="${cls.primaryButton} btn-xs" href="/admin/orders/new/form?customer_id=${c.id}">${text.toOrderForm}</a>`;
  const columns: Array<[string, (c: Customer) => SafeHtml | string]> = variant
    ? [['顧客番号', (c) => c.number], ['氏名', (c) => c.name], ['メールアドレス', (c) => c.email], ['電話番号', (c) => c.phone], ['顧客ID', (c) => String(c.id)], ['', action]]
    : [['顧客ID', (c) => String(c.id)], ['顧客番号', (c) => c.number], ['氏名', (c) => c.name], ['電話番号', (c) => c.phone], ['メールアドレス', (c) => c.email], ['', action]];
  return html`<div class="${cls.box}"><table class="${cls.table} customer-table"><caption>検索結果 ${customers.length} 件</caption>
<thead><tr>${columns.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>${customers.map((c) => html`<tr>${columns.map(([, cell]) => html`<td>${cell(c)}</td>`)}</tr>`)}</tbody></table></div>`;
}
