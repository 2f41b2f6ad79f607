import { html, tokyoDateTime, type SafeHtml } from '../html';
import type { Customer, Subscription } from '../model';
import { adminLayout, csrfField } from './layout';
import type { PageContext } from './page-context';
import { statusBadge } from './subscription-list';

export interface SubscriptionEditView {
  subscription: Subscription;
  customer: Customer | undefined;
}

export const SUSPEND_CONFIRMATION = 'この定期受注を停止します。よろしいですか？';
export const CANCEL_CONFIRMATION = 'この定期受注をキャンセルします。この操作は取り消せません。よろしいですか？';

/** 定期受注詳細 (詳細/編集) → 基本設定: facts, the status actions (each asks for confirmation) and the memo. */
export function subscriptionEditPage(ctx: PageContext, view: SubscriptionEditView): SafeHtml {
  const { cls, text, ids, variant } = ctx.skin;
  const { subscription: s, customer } = view;
  const action = (path: string, label: string, confirmText: string, danger: boolean) =>
    html`<form method="post" action="/admin/subs_orders/${s.id}/${path}" class="inline" onsubmit="return confirm(this.dataset.confirm)" data-confirm="${confirmText}">
${csrfField(ctx)}<button type="submit" class="${danger ? `${cls.button} btn-danger` : cls.primaryButton}">${label}</button></form>`;
  const suspend = action('suspend', text.suspendButton, SUSPEND_CONFIRMATION, false);
  const cancel = action('cancel', text.cancelButton, CANCEL_CONFIRMATION, true);
  const resume = action('resume', text.resumeButton, 'この定期受注を再開します。よろしいですか？', false);
  const actions =
    s.status === '有効'
      ? variant
        ? html`${cancel} ${suspend}`
        : html`${suspend} ${cancel}`
      : s.status === '停止'
        ? html`${resume} ${cancel}`
        : html`<p class="help-block">キャンセル済みの定期受注は操作できません。</p>`;
  const tabs = html`<ul class="nav-tabs" role="tablist"><li role="presentation"><a role="tab" href="/admin/subs_orders/${s.id}/edit" aria-selected="true">${text.basicTab}</a></li>
<li role="presentation"><a role="tab" href="/admin/subs_orders/${s.id}/edit?tab=orders" aria-selected="false">子受注一覧</a></li></ul>`;
  return adminLayout(
    ctx,
    { title: '定期受注詳細', heading: '定期受注詳細', breadcrumb: ['受注管理', '定期受注一覧', `定期受注番号 ${s.number}`], bodyClass: 'subs_orders edit' },
    html`<div class="${cls.box}">${tabs}<div class="tab-content" role="tabpanel">
<dl class="dl-horizontal subs-order-facts"><dt>ID</dt><dd>${s.id}</dd><dt>${text.subscriptionNumber}</dt><dd>${s.number}</dd>
<dt>${text.customerNumber}</dt><dd>${customer?.number ?? ''}</dd><dt>氏名</dt><dd>${customer?.name ?? ''}</dd>
<dt>商品名</dt><dd>${s.productName}</dd><dt>商品コード</dt><dd>${s.productCode}</dd><dt>数量</dt><dd>${s.quantity}</dd>
<dt>コース</dt><dd>${s.courseName}</dd><dt>定期内受注数</dt><dd>${s.orderCount}</dd>
<dt>${text.status}</dt><dd class="subs-status">${statusBadge(s.status)}</dd><dt>次回お届け予定日</dt><dd>${s.nextDeliveryOn ?? '-'}</dd>
<dt>作成日時</dt><dd>${tokyoDateTime(new Date(s.createdAt))}</dd><dt>更新日時</dt><dd>${tokyoDateTime(new Date(s.updatedAt))}</dd></dl>
<section class="status-actions" aria-label="ステータス操作"><h3>ステータス操作</h3>${actions}</section>
<form method="post" action="/admin/subs_orders/${s.id}" accept-charset="UTF-8"><input type="hidden" name="_method" value="patch">${csrfField(ctx)}
<div class="form-group"><label for="${ids.subscriptionMemo}">${text.subscriptionMemo}</label><textarea id="${ids.subscriptionMemo}" name="subs_order[memo]" rows="4">
${s.memo}</textarea></div>
<button type="submit" class="${cls.primaryButton}">${text.updateButton}</button></form></div></div>`,
  );
}
