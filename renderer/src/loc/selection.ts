import type { QueryClient } from '@tanstack/react-query';
import type { LocListFilters } from './filters';
import { loadedRows } from './next-request';

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
  return loadedRows(queryClient, filters).map((row) => row.id);
}
