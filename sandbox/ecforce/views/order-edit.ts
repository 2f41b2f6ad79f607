import { html, tokyoDateTime, yen, type SafeHtml } from '../html';
import { ORDER_STATES, type Customer, type Order, type Subscription } from '../model';
import { adminLayout, csrfField } from './layout';
import type { PageContext } from './page-context';

export interface OrderEditView {
  order: Order;
  customer: Customer | undefined;
  subscription: Subscription | undefined;
  tab: string;
}

const TABS: Array<[string, string | null]> = [
  ['basic', null],
  ['items', '商品情報'],
  ['shipping', '配送情報'],
  ['payment', '決済情報'],
];

/** 受注詳細 (詳細/編集): the 基本設定 tab holds the 受注備考欄 that staff and the robot write in. */
export function orderEditPage(ctx: PageContext, view: OrderEditView): SafeHtml {
  const { cls, text } = ctx.skin;
  const { order } = view;
  const tabs = html`<ul class="nav-tabs" role="tablist">${TABS.map(([key, label]) => {
    const name = label ?? text.basicTab;
    return html`<li role="presentation"><a role="tab" href="/admin/orders/${order.id}/edit?tab=${key}" aria-selected="${key === view.tab ? 'true' : 'false'}">${name}</a></li>`;
  })}</ul>`;
  return adminLayout(
    ctx,
    { title: '受注詳細', heading: '受注詳細', breadcrumb: ['受注管理', '受注一覧', `受注番号 ${order.number}`], bodyClass: 'orders edit' },
    html`<div class="${cls.box}">${tabs}<div class="tab-content" role="tabpanel">${
      view.tab === 'basic' ? basicTab(ctx, view) : otherTab(view)
    }</div></div>`,
  );
}

function basicTab(ctx: PageContext, view: OrderEditView): SafeHtml {
  const { ids, cls, text, variant } = ctx.skin;
  const { order, customer, subscription } = view;
  const facts = html`<dl class="dl-horizontal order-facts">
<dt>ID</dt><dd>${order.id}</dd><dt>${text.orderNumber}</dt><dd>${order.number}</dd>
<dt>受注日時</dt><dd>${tokyoDateTime(new Date(order.createdAt))}</dd>
<dt>${text.customerNumber}</dt><dd>${customer?.number ?? ''}</dd><dt>氏名</dt><dd>${customer?.name ?? ''}</dd>
<dt>商品</dt><dd>${order.items.map((i) => `${i.name}（${i.code}）×${i.quantity}`).join('、')}</dd>
<dt>決済方法</dt><dd>${order.paymentMethod}</dd><dt>合計金額</dt><dd>${yen(order.total)}</dd>
<dt>${text.subscriptionNumber}</dt><dd>${subscription?.number ?? '-'}</dd><dt>作成者</dt><dd>${order.createdBy ?? 'ストアフロント'}</dd></dl>`;
  const form = html`<form id="order-basic-form" method="post" action="/admin/orders/${order.id}" accept-charset="UTF-8">
<input type="hidden" name="_method" value="patch">${csrfField(ctx)}
<div class="form-group"><label for="${ids.orderState}">対応状況</label><select id="${ids.orderState}" name="order[state]">${ORDER_STATES.map(
    (s) => html`<option value="${s}"${s === order.state ? html` selected` : ''}>${s}</option>`,
  )}</select></div>
<div class="form-group"><label><input type="checkbox" name="order[needs_attention]" value="1"${order.needsAttention ? html` checked` : ''}> 要対応受注</label></div>
<div class="form-group"><label for="${ids.orderMemo}">${text.orderMemo}</label>
<textarea id="${ids.orderMemo}" name="order[memo]" rows="6">
${order.memo}</textarea></div>
<button type="submit" class="${cls.primaryButton}">${text.updateButton}</button></form>`;
  return variant ? html`${form}${facts}` : html`${facts}${form}`;
}

function otherTab(view: OrderEditView): SafeHtml {
  const { order, customer } = view;
  if (view.tab === 'items') {
    return html`<table class="table"><thead><tr><th>商品コード</th><th>商品名</th><th>種別</th><th>単価</th><th>数量</th></tr></thead>
<tbody>${order.items.map((i) => html`<tr><td>${i.code}</td><td>${i.name}</td><td>${i.kind}</td><td>${yen(i.price)}</td><td>${i.quantity}</td></tr>`)}</tbody></table>`;
  }
  if (view.tab === 'shipping') {
    return html`<dl class="dl-horizontal"><dt>お届け先</dt><dd>〒${customer?.postalCode ?? ''} ${customer?.address ?? ''}</dd>
<dt>お届け希望日</dt><dd>${order.deliveryDate ?? '指定なし'}</dd><dt>お届け時間帯</dt><dd>${order.deliveryTime ?? '指定なし'}</dd></dl>`;
  }
  return html`<dl class="dl-horizontal"><dt>決済方法</dt><dd>${order.paymentMethod}</dd><dt>決済状況</dt><dd>${order.paymentMethod === 'クレジットカード' ? 'オーソリ済み' : '未入金'}</dd>
<dt>小計</dt><dd>${yen(order.subtotal)}</dd><dt>送料</dt><dd>${yen(order.shippingFee)}</dd><dt>合計</dt><dd>${yen(order.total)}</dd></dl>
<button type="button" class="btn btn-default" disabled>決済状況変更</button>`;
}
