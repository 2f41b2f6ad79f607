import { html, tokyoDate, yen, type SafeHtml } from '../html';
import { PAYMENT_METHODS, type Customer, type Product } from '../model';
import { adminLayout, csrfField } from './layout';
import type { PageContext } from './page-context';

export const DELIVERY_TIMES = ['指定なし', '午前中', '14時〜16時', '16時〜18時', '18時〜20時', '19時〜21時'] as const;

export interface OrderFormValues {
  quantity: string;
  paymentMethod: string;
  deliveryDate: string;
  deliveryTime: string;
  memo: string;
}

export interface OrderFormView {
  customer: Customer;
  productSearch: string;
  searchResults: Product[] | null;
  selected: Product | null;
  values: OrderFormValues;
  errors: string[];
}

export const blankOrderForm: OrderFormValues = {
  quantity: '1',
  paymentMethod: '代金引換',
  deliveryDate: '',
  deliveryTime: '指定なし',
  memo: '',
};

export function deliveryDates(now: Date): string[] {
  return Array.from({ length: 14 }, (_, i) => tokyoDate(new Date(now.getTime() + (i + 3) * 86_400_000)).replaceAll('/', '-'));
}

export function customerSummary(customer: Customer): SafeHtml {
  return html`<dl class="dl-horizontal customer-summary">
<dt>顧客番号</dt><dd>${customer.number}</dd><dt>氏名</dt><dd>${customer.name}（${customer.kana}）</dd>
<dt>電話番号</dt><dd>${customer.phone}</dd><dt>メールアドレス</dt><dd>${customer.email}</dd>
<dt>お届け先</dt><dd>〒${customer.postalCode} ${customer.address}</dd><dt>顧客ステータス</dt><dd>${customer.status}</dd></dl>`;
}

/** The order screen: customer, product search and choice, quantity, payment, delivery and memo. */
export function orderFormPage(ctx: PageContext, view: OrderFormView): SafeHtml {
  const { cls, text, variant } = ctx.skin;
  const errors = view.errors.length
    ? html`<div class="${cls.flashAlert}" role="alert"><p>入力内容にエラーがあります。</p><ul>${view.errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
    : '';
  return adminLayout(
    ctx,
    { title: '受注作成', heading: '受注作成', breadcrumb: ['受注管理', '受注作成', text.orderFormTitle], bodyClass: 'orders form' },
    html`${errors}<div class="${cls.box}"><h2 class="box-title">${text.orderFormTitle}</h2>
<section aria-label="顧客情報"><h3>顧客情報</h3>${customerSummary(view.customer)}</section></div>
${variant ? html`${orderFields(ctx, view)}${productSection(ctx, view)}` : html`${productSection(ctx, view)}${orderFields(ctx, view)}`}`,
  );
}

function productSection(ctx: PageContext, view: OrderFormView): SafeHtml {
  const { ids, cls, text } = ctx.skin;
  const results =
    view.searchResults === null
      ? ''
      : view.searchResults.length === 0
        ? html`<p class="no-result">該当する商品がありません。</p>`
        : html`<table class="${cls.table} product-search-results"><caption>商品検索結果 ${view.searchResults.length} 件</caption>
<thead><tr><th scope="col">商品コード</th><th scope="col">商品名</th><th scope="col">種別</th><th scope="col">販売価格</th><th scope="col"></th></tr></thead>
<tbody>${view.searchResults.map(
            (p) => html`<tr><td>${p.code}</td><td>${p.name}</td><td>${p.kind}</td><td>${yen(p.price)}</td>
<td><a class="${cls.button} btn-xs" href="/admin/orders/new/form?customer_id=${view.customer.id}&amp;product_id=${p.id}">${text.chooseProduct}</a></td></tr>`,
          )}</tbody></table>`;
  const selected = view.selected
    ? html`<table class="${cls.table} order-items"><caption>選択中の商品</caption>
<thead><tr><th scope="col">商品コード</th><th scope="col">商品名</th><th scope="col">種別</th><th scope="col">単価</th></tr></thead>
<tbody><tr><td>${view.selected.code}</td><td>${view.selected.name}</td><td>${view.selected.kind}</td><td>${yen(view.selected.price)}</td></tr></tbody></table>`
    : html`<p class="help-block">商品が選択されていません。</p>`;
  return html`<div class="${cls.box}"><section aria-label="商品"><h3>商品</h3>
<form method="get" action="/admin/orders/new/form" role="search" aria-label="商品検索">
<input type="hidden" name="customer_id" value="${view.customer.id}">
<label for="${ids.productSearch}">${text.productSearch}</label>
<input type="search" id="${ids.productSearch}" name="product_search" value="${view.productSearch}">
<button type="submit" class="${cls.button}">${text.productSearchButton}</button></form>
${results}${selected}</section></div>`;
}

function orderFields(ctx: PageContext, view: OrderFormView): SafeHtml {
  const { ids, cls, text, variant } = ctx.skin;
  const v = view.values;
  const back = html`<a class="${cls.button}" href="/admin/orders/new?customer_type=existing">${variant ? '戻る' : 'キャンセル'}</a>`;
  const submit = html`<button type="submit" class="${cls.primaryButton}">${text.toConfirm}</button>`;
  return html`<div class="${cls.box}"><form id="order-form" method="post" action="/admin/orders/confirm" accept-charset="UTF-8">
${csrfField(ctx)}<input type="hidden" name="order[customer_id]" value="${view.customer.id}">
${view.selected ? html`<input type="hidden" name="order[product_id]" value="${view.selected.id}">` : ''}
<div class="form-group"><label for="${ids.quantity}">${text.quantity}</label>
<input type="number" id="${ids.quantity}" name="order[quantity]" min="1" max="99" value="${v.quantity}"></div>
<div class="form-group"><label for="${ids.payment}">${text.payment}</label>
<select id="${ids.payment}" name="order[payment_method]">${PAYMENT_METHODS.map(
    (m) => html`<option value="${m}"${m === v.paymentMethod ? html` selected` : ''}>${m}</option>`,
  )}</select></div>
<div class="form-group"><label for="${ids.deliveryDate}">お届け希望日</label>
<select id="${ids.deliveryDate}" name="order[delivery_date]"><option value="">指定なし</option>${deliveryDates(ctx.now).map(
    (d) => html`<option value="${d}"${d === v.deliveryDate ? html` selected` : ''}>${d}</option>`,
  )}</select></div>
<div class="form-group"><label for="${ids.deliveryTime}">お届け時間帯</label>
<select id="${ids.deliveryTime}" name="order[delivery_time]">${DELIVERY_TIMES.map(
    (t) => html`<option value="${t}"${t === v.deliveryTime ? html` selected` : ''}>${t}</option>`,
  )}</select></div>
<div class="form-group"><label for="${ids.orderMemo}">${text.orderMemo}</label>
<textarea id="${ids.orderMemo}" name="order[memo]" rows="4">
${v.memo}</textarea></div>
<div class="form-actions">${variant ? html`${back}${submit}` : html`${submit}${back}`}</div>
</form></div>`;
}
