import { html, type SafeHtml } from '../html';

export const PER_PAGE = 20;

export interface PageSlice<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
  from: number;
  to: number;
}

export function paginate<T>(all: readonly T[], requestedPage: number, per = PER_PAGE): PageSlice<T> {
  const pages = Math.max(1, Math.ceil(all.length / per));
  const page = Number.isInteger(requestedPage) && requestedPage >= 1 ? Math.min(requestedPage, pages) : 1;
  const start = (page - 1) * per;
  const items = all.slice(start, start + per);
  return { items, page, pages, total: all.length, from: items.length === 0 ? 0 : start + 1, to: start + items.length };
}

export function countLine(slice: PageSlice<unknown>): string {
  return `全 ${slice.total} 件中 ${slice.from}〜${slice.to} 件を表示`;
}

/** Kaminari-style page links that keep the search in the query string. */
export function paginationNav(basePath: string, query: URLSearchParams, slice: PageSlice<unknown>): SafeHtml {
  if (slice.pages <= 1) return html``;
  const href = (page: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(page));
    return `${basePath}?${params.toString()}`;
  };
  const numbers = Array.from({ length: slice.pages }, (_, i) => i + 1);
  return html`<nav class="pagination-nav" aria-label="ページ送り"><ul class="pagination">
${slice.page > 1 ? html`<li><a href="${href(1)}">« 最初</a></li><li><a href="${href(slice.page - 1)}" rel="prev">‹ 前へ</a></li>` : ''}
${numbers.map((n) =>
  n === slice.page ? html`<li><span aria-current="page">${n}</span></li>` : html`<li><a href="${href(n)}">${n}</a></li>`,
)}
${slice.page < slice.pages ? html`<li><a href="${href(slice.page + 1)}" rel="next">次へ ›</a></li><li><a href="${href(slice.pages)}">最後 »</a></li>` : ''}
</ul></nav>`;
}
