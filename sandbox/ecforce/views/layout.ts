import { html, type SafeHtml } from '../html';
import type { Flash } from '../sessions';
import type { PageContext, PageFrame } from './page-context';
import { standardStyles, variantStyles } from './styles';

export const MENU: ReadonlyArray<{ group: string; items: ReadonlyArray<{ label: string; href: string }> }> = [
  {
    group: '受注管理',
    items: [
      { label: '受注作成', href: '/admin/orders/new' },
      { label: '受注管理', href: '/admin/orders' },
      { label: '定期受注管理', href: '/admin/subs_orders' },
    ],
  },
  { group: '商品管理', items: [{ label: '商品一覧', href: '/admin/products' }] },
];

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="authenticity_token" value="${ctx.csrfToken}" autocomplete="off">`;
}

export function flashMessages(ctx: PageContext, flash: Flash[] = ctx.flash): SafeHtml {
  const { cls, variant } = ctx.skin;
  return html`${flash.map((f) =>
    variant
      ? html`<p class="${f.kind === 'notice' ? cls.flashNotice : cls.flashAlert}" role="${f.kind === 'notice' ? 'status' : 'alert'}">${f.text}</p>`
      : html`<div class="${f.kind === 'notice' ? cls.flashNotice : cls.flashAlert}" role="${f.kind === 'notice' ? 'status' : 'alert'}"><button type="button" class="close" aria-hidden="true">×</button>${f.text}</div>`,
  )}`;
}

function head(ctx: PageContext, title: string): SafeHtml {
  return html`<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-param" content="authenticity_token"><meta name="csrf-token" content="${ctx.csrfToken}">
<title>${title} | ecforce</title>${ctx.skin.variant ? variantStyles : standardStyles}</head>`;
}

function logout(ctx: PageContext): SafeHtml {
  return html`<form class="button_to" method="post" action="/admin/sign_out">${csrfField(ctx)}<button type="submit" class="${ctx.skin.cls.button}">ログアウト</button></form>`;
}

/** The signed-in admin screen: header, menu, heading, flash messages and the page's own body. */
export function adminLayout(ctx: PageContext, frame: PageFrame, body: SafeHtml): SafeHtml {
  return ctx.skin.variant ? variantLayout(ctx, frame, body) : standardLayout(ctx, frame, body);
}

function standardLayout(ctx: PageContext, frame: PageFrame, body: SafeHtml): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="ja">${head(ctx, frame.title)}
<body class="admin ${frame.bodyClass}">
<header class="main-header"><a class="logo" href="/admin">ecforce</a>
<div class="navbar-custom-menu"><div class="system-notification" aria-label="System Notification">System Notification</div>
<span class="user-name">${ctx.account?.name ?? ''}</span>${logout(ctx)}</div></header>
<div class="wrapper">
<aside class="main-sidebar"><nav class="sidebar" aria-label="サイドメニュー"><ul class="sidebar-menu">
<li><a href="/admin">ダッシュボード</a></li>
${MENU.map(
  (group) => html`<li class="treeview"><span class="treeview-title">${group.group}</span><ul class="treeview-menu">${group.items.map(
    (item) => html`<li><a href="${item.href}">${item.label}</a></li>`,
  )}</ul></li>`,
)}
</ul></nav></aside>
<div class="content-wrapper">
<section class="content-header"><h1>${frame.heading}</h1>
<ol class="breadcrumb">${frame.breadcrumb.map((crumb) => html`<li>${crumb}</li>`)}</ol></section>
<main class="content">${flashMessages(ctx)}${body}</main>
</div></div>
</body></html>`;
}

function variantLayout(ctx: PageContext, frame: PageFrame, body: SafeHtml): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="ja">${head(ctx, frame.title)}
<body class="p-admin p-${frame.bodyClass}">
<header class="l-header"><div class="l-header__top"><a class="brand" href="/admin">ecforce</a>
<span class="account">${ctx.account?.name ?? ''} さん</span>${logout(ctx)}</div>
<nav aria-label="グローバルメニュー"><ul class="gnav"><li><a href="/admin">ホーム</a></li>
${MENU.map(
  (group) => html`<li class="gnav__item"><span>${group.group}</span><ul>${group.items.map(
    (item) => html`<li><a href="${item.href}">${item.label}</a></li>`,
  )}</ul></li>`,
)}</ul></nav></header>
<main class="l-main">${flashMessages(ctx)}
<div class="page-head"><p class="page-head__path">${frame.breadcrumb.join(' / ')}</p><h2 class="ttl">${frame.heading}</h2></div>
${body}
<div class="system-notification" aria-label="System Notification"></div>
</main>
</body></html>`;
}

/** Pages shown without the admin frame: sign-in and the static error pages. */
export function barePage(ctx: Pick<PageContext, 'skin' | 'csrfToken'>, title: string, body: SafeHtml): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="csrf-token" content="${ctx.csrfToken}"><title>${title} | ecforce</title>
${ctx.skin.variant ? variantStyles : standardStyles}</head>
<body class="bare">${body}</body></html>`;
}
