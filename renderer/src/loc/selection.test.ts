import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { initialFilters, toListFilters } from './filters';
import { locListKey } from './use-loc-rows';
import { loadedIds, withPicked } from './selection';

const page = (ids: number[]) => ({ total: 1000, page: 1, pageSize: 200, items: ids.map((id) => ({ id })) });

describe('withPicked', () => {
  it('adds and removes without touching the original', () => {
    const start = new Set([1, 2]);
    expect([...withPicked(start, [3, 4], true)]).toEqual([1, 2, 3, 4]);
    expect([...withPicked(start, [1, 9], false)]).toEqual([2]);
    expect([...start]).toEqual([1, 2]);
  });
});

describe('loadedIds', () => {
  it('takes the fetched pages of exactly the current filters, in page order', () => {
    const client = new QueryClient();
    const all = toListFilters(initialFilters);
    const needsManual = toListFilters({ ...initialFilters, status: 'needs_manual' });
    client.setQueryData(locListKey(all, 3), page([30, 31]));
    client.setQueryData(locListKey(all, 1), page([10, 11]));
    // Same sort, one more filter: a partial key match would wrongly include these.
    client.setQueryData(locListKey(needsManual, 1), page([99]));
    expect(loadedIds(client, all)).toEqual([10, 11, 30, 31]);
    expect(loadedIds(client, needsManual)).toEqual([99]);
  });
});
