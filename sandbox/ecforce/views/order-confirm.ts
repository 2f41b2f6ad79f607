import { html, yen, type SafeHtml } from '../html';
import type { Customer, Product } from '../model';
import { adminLayout, csrfField } from './layout';
import type { OrderFormValues } from './order-form';
import { customerSummary } from './order-form';
import type { PageContext } from './page-context';

export interface OrderConfirmView {
  customer: Customer;
  product: Product;
  values: OrderFormValues;
  quantity: number;
  subtotal: number;
  shippingFee: number;
}

/** 注文内容確認: everything that will be ordered, and 確定 to create it. */
export function orderConfirmPage(ctx: PageContext, view: OrderConfirmView): SafeHtml {
  const { cls, text, variant } = ctx.skin;
  const { customer, product, values } = view;
  const editHref = `/admin/orders/new/form?customer_id=${customer.id}&product_id=${product.id}`;
  const back = variant
    ? html`<form method="get" action="/admin/orders/new/form" class="inline"><input type="hidden" name="customer_id" value="${customer.id}"><input type="hidden" name="product_id" value="${product.id}"><button type="submit" class="${cls.button}">${text.backToForm}</button></form>`
    : html`<a class="${cls.button}" href="${editHref}">${text.backToForm}</a>`;
  const hidden = (name: string, value: string | number) => html`<input type="hidden" name="order[${name}]" value="${value}">`;
  const confirm = html`<form id="order-confirm-form" method="post" action="/admin/orders" accept-charset="UTF-8" class="inline">
${csrfField(ctx)}${hidden('customer_id', customer.id)}${hidden('product_id', product.id)}${hidden('quantity', view.quantity)}
${hidden('payment_method', values.paymentMethod)}${hidden('delivery_date', values.deliveryDate)}${hidden('delivery_time', values.deliveryTime)}${hidden('memo', values.memo)}
<button type="submit" class="${cls.primaryButton}">${text.confirmButton}</button></form>`;
  return adminLayout(
    ctx,
    { title: '受注作成', heading: '受注作成', breadcrumb: ['受注管理', '受注作成', text.confirmTitle], bodyClass: 'orders confirm' },
    html`<div class="${cls.box}"><h2 class="box-title">${text.confirmTitle}</h2>
<p>以下の内容で受注を作成します。内容をご確認のうえ「${text.confirmButton}」を押してください。</p>
<section aria-label="顧客情報"><h3>顧客情報</h3>${customerSummary(customer)}</section>
<section aria-label="注文商品"><h3>注文商品</h3><table class="${cls.table} confirm-items">
<thead><tr><th scope="col">商品コード</th><th scope="col">商品名</th><th scope="col">種別</th><th scope="col">単価</th><th scope="col">数量</th><th scope="col">小計</th></tr></thead>
<tbody><tr><td>${product.code}</td><td>${product.name}</td><td>${product.kind}</td><td>${yen(product.price)}</td><td>${view.quantity}</td><td>${yen(view.subtotal)}</td></tr></tbody></table></section>
<dl class="dl-horizontal order-terms"><dt>送料</dt><dd>${yen(view.shippingFee)}</dd><dt>合計金額</dt><dd>${yen(view.subtotal + view.shippingFee)}</dd>
<dt>${text.payment}</dt><dd>${values.paymentMethod}</dd><dt>お届け希望日</dt><dd>${values.deliveryDate || '指定なし'}</dd>
<dt>お届け時間帯</dt><dd>${values.deliveryTime}</dd><dt>${text.orderMemo}</dt><dd><pre class="memo">${values.memo}</pre></dd></dl>
<div class="form-actions">${variant ? html`${back}${confirm}` : html`${confirm}${back}`}</div></div>`,
  );
}
