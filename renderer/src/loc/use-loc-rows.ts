import { useQueries, useQuery } from '@tanstack/react-query';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import type { LocListFilters } from './filters';

export type LocRow = ResultOf<'loc.list'>['items'][number];

/** Large enough that a screenful rarely spans more than two pages, small enough to answer fast. */
export const LOC_PAGE_SIZE = 200;

export const locListKey = (filters: LocListFilters, page: number) => ['loc.list', filters, page] as const;

/** The total (from the first page), which sizes the virtual list before any row is shown. */
export function useLocTotal(filters: LocListFilters) {
  const api = useApi();
  return useQuery({
    queryKey: locListKey(filters, 1),
    queryFn: () => api.call('loc.list', { ...filters, page: 1, pageSize: LOC_PAGE_SIZE }),
  });
}

/**
 * Only the pages under the visible rows are fetched, so scrolling to row 90,000 asks for one
 * page instead of the 450 before it; react-query keeps each page cached and refetches just the
 * visible ones when an event invalidates the list.
 */
export function useLocRows(filters: LocListFilters, firstIndex: number, lastIndex: number): (index: number) => LocRow | undefined {
  const api = useApi();
  const firstPage = Math.floor(Math.max(0, firstIndex) / LOC_PAGE_SIZE) + 1;
  const lastPage = Math.floor(Math.max(firstIndex, lastIndex, 0) / LOC_PAGE_SIZE) + 1;
  const pages = Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: locListKey(filters, page),
      queryFn: () => api.call('loc.list', { ...filters, page, pageSize: LOC_PAGE_SIZE }),
    })),
  });
  return (index) => {
    const page = Math.floor(index / LOC_PAGE_SIZE) + 1;
    return results[page - firstPage]?.data?.items[index % LOC_PAGE_SIZE];
  };
}
