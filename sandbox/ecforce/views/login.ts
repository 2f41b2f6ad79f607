import { html, type SafeHtml } from '../html';
import { barePage, csrfField, flashMessages } from './layout';
import type { PageContext } from './page-context';

/** The sign-in page. The e-mail is given back after a failed attempt; the password never is. */
export function loginPage(ctx: PageContext, email: string): SafeHtml {
  const { ids, cls, variant } = ctx.skin;
  const remember = html`<div class="checkbox"><label><input type="checkbox" name="admin[remember_me]" value="1"> ログイン状態を保持する</label></div>`;
  const fields = html`
<div class="form-group"><label for="${ids.loginEmail}">メールアドレス</label>
<input type="email" class="form-control" id="${ids.loginEmail}" name="admin[email]" autocomplete="username" value="${email}" required></div>
<div class="form-group"><label for="${ids.loginPassword}">パスワード</label>
<input type="password" class="form-control" id="${ids.loginPassword}" name="admin[password]" autocomplete="current-password" required></div>`;
  return barePage(
    ctx,
    'ログイン',
    html`<div class="${variant ? 'c-login' : 'login-box'}">
<div class="login-logo"><b>ecforce</b> 管理画面</div>
<div class="login-box-body">${flashMessages(ctx)}
<h1 class="login-box-msg">ログイン</h1>
<form id="${ids.loginForm}" class="${variant ? 'c-login__form' : 'new_admin'}" action="/admin/sign_in" method="post" accept-charset="UTF-8">
${csrfField(ctx)}${variant ? html`${remember}${fields}` : html`${fields}${remember}`}
<button type="submit" class="${cls.primaryButton}">ログイン</button>
</form>
<p class="forgot"><a href="/admin/password/new">パスワードをお忘れの方はこちら</a></p>
</div></div>`,
  );
}
