import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { ResultOf } from '../api/client';
import type { LocListFilters } from './filters';

type Row = Pick<ResultOf<'loc.list'>['items'][number], 'id' | 'status'>;

/** The statuses in which a request waits for a person; the robot works all the others. */
const needsPerson = new Set(['needs_manual']);

/**
 * The request to open after `currentId`: the next row below it in the list as the clerk sees it
 * that waits for a person, else the first such row above it. Rows in `skip` (just completed) and
 * the current one never count.
 */
export function nextNeedingPerson(rows: readonly Row[], currentId: number | null, skip: ReadonlySet<number> = new Set()): number | null {
  const waiting = (row: Row) => needsPerson.has(row.status) && row.id !== currentId && !skip.has(row.id);
  const at = currentId === null ? -1 : rows.findIndex((row) => row.id === currentId);
  const below = rows.slice(at + 1).find(waiting);
  return (below ?? rows.slice(0, Math.max(at, 0)).find(waiting))?.id ?? null;
}

/** Every row fetched so far for exactly these filters, in list order (as the virtual list shows them). */
export function loadedRows(queryClient: QueryClient, filters: LocListFilters): Row[] {
  const wanted = hashKey([filters]);
  const pages = queryClient
    .getQueriesData<ResultOf<'loc.list'>>({
      predicate: (query) => query.queryKey[0] === 'loc.list' && hashKey([query.queryKey[1]]) === wanted && typeof query.queryKey[2] === 'number',
    })
    .flatMap(([key, data]) => (data ? [{ page: Number(key[2]), items: data.items }] : []))
    .sort((a, b) => a.page - b.page);
  const seen = new Set<number>();
  return pages.flatMap((p) => p.items).filter((row) => !seen.has(row.id) && Boolean(seen.add(row.id)));
}
