import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { ResultOf } from '../api/client';
import type { LocListFilters } from './filters';

/** loc.complete takes at most this many requests in one call. */
export const MAX_BULK = 500;

export function withPicked(picked: ReadonlySet<number>, ids: readonly number[], on: boolean): Set<number> {
  const next = new Set(picked);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/**
 * The ids of every row fetched so far for exactly these filters, in list order. The virtual
 * list fetches pages as they scroll into view, so "select all" means all that the clerk could
 * have seen, never rows of a page nobody looked at.
 */
export function loadedIds(queryClient: QueryClient, filters: LocListFilters): number[] {
  const wanted = hashKey([filters]);
  const pages = queryClient
    .getQueriesData<ResultOf<'loc.list'>>({
      predicate: (query) => query.queryKey[0] === 'loc.list' && hashKey([query.queryKey[1]]) === wanted && typeof query.queryKey[2] === 'number',
    })
    .flatMap(([key, data]) => (data ? [{ page: Number(key[2]), items: data.items }] : []))
    .sort((a, b) => a.page - b.page);
  return [...new Set(pages.flatMap((p) => p.items.map((item) => item.id)))];
}
