import { html, type SafeHtml } from '../html';
import type { Product } from '../model';
import { adminLayout } from './layout';
import type { PageContext } from './page-context';
import { yen } from '../html';

export interface DashboardFigures {
  ordersToday: number;
  ordersTotal: number;
  activeSubscriptions: number;
}

export function dashboardPage(ctx: PageContext, figures: DashboardFigures): SafeHtml {
  return adminLayout(
    ctx,
    { title: 'ダッシュボード', heading: 'ダッシュボード', breadcrumb: ['ホーム'], bodyClass: 'dashboard index' },
    html`<div class="${ctx.skin.cls.box}"><dl class="dl-horizontal">
<dt>本日の受注件数</dt><dd>${figures.ordersToday} 件</dd>
<dt>受注件数（累計）</dt><dd>${figures.ordersTotal} 件</dd>
<dt>有効な定期受注</dt><dd>${figures.activeSubscriptions} 件</dd></dl></div>`,
  );
}

export function productListPage(ctx: PageContext, products: Product[], keyword: string): SafeHtml {
  const { cls } = ctx.skin;
  return adminLayout(
    ctx,
    { title: '商品一覧', heading: '商品一覧', breadcrumb: ['商品管理', '商品一覧'], bodyClass: 'products index' },
    html`<div class="${cls.box}"><form method="get" action="/admin/products" role="search" aria-label="商品検索">
<label for="product_keyword">商品名・商品コード</label> <input type="search" id="product_keyword" name="q[keyword]" value="${keyword}">
<button type="submit" class="${cls.button}">検索</button></form></div>
<table class="${cls.table}"><caption>商品マスタ ${products.length} 件</caption>
<thead><tr><th scope="col">商品コード</th><th scope="col">商品名</th><th scope="col">種別</th><th scope="col">販売価格</th></tr></thead>
<tbody>${products.map((p) => html`<tr><td>${p.code}</td><td>${p.name}</td><td>${p.kind}</td><td>${yen(p.price)}</td></tr>`)}</tbody></table>`,
  );
}
