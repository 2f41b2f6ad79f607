import { html, type SafeHtml } from '../html';
import { adminLayout, barePage } from './layout';
import type { PageContext } from './page-context';

export const FORBIDDEN_HEADING = '権限がありません';

/** Inside the admin frame, as the site answers a member whose role does not allow the screen. */
export function forbiddenPage(ctx: PageContext): SafeHtml {
  return adminLayout(
    ctx,
    { title: FORBIDDEN_HEADING, heading: FORBIDDEN_HEADING, breadcrumb: ['エラー'], bodyClass: 'errors forbidden' },
    html`<div class="${ctx.skin.cls.box}"><p class="error-message">このページを表示する権限がありません。管理者にメンバーロールの設定をご確認ください。</p>
<p><a href="/admin">ダッシュボードへ戻る</a></p></div>`,
  );
}

export function notFoundPage(ctx: PageContext): SafeHtml {
  return adminLayout(
    ctx,
    { title: 'ページが見つかりません', heading: 'ページが見つかりません', breadcrumb: ['エラー'], bodyClass: 'errors not-found' },
    html`<div class="${ctx.skin.cls.box}"><p>お探しのページは見つかりませんでした。削除されたか、URLが間違っている可能性があります。</p></div>`,
  );
}

/** Static pages served when the request itself is refused or the application fails. */
export function staticErrorPage(ctx: Pick<PageContext, 'skin' | 'csrfToken'>, status: number): SafeHtml {
  const [title, message] =
    status === 422
      ? ['リクエストを処理できませんでした', '不正なリクエストです（CSRFトークンが一致しません）。ページを再読み込みしてから、もう一度お試しください。']
      : status === 503
        ? ['ただいまメンテナンス中です', 'ただいまアクセスが集中しているか、メンテナンス中です。しばらく時間をおいてから再度アクセスしてください。']
        : ['システムエラーが発生しました', '申し訳ございません。エラーが発生しました。しばらく時間をおいてから再度お試しください。'];
  return barePage(
    ctx,
    title,
    html`<div class="dialog"><h1>${title}</h1><p>${message}</p><p class="status-code">エラーコード: ${status}</p></div>`,
  );
}
