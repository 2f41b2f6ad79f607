import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { changedMember } from './changed-member';

function cacheWithMembers(ids: number[]): QueryClient {
  const client = new QueryClient();
  for (const id of ids) client.setQueryData(['members.get', id], { id });
  return client;
}

function stale(client: QueryClient): number[] {
  return client
    .getQueryCache()
    .findAll({ queryKey: ['members.get'] })
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey[1] as number)
    .sort((a, b) => a - b);
}

describe('changedMember', () => {
  it('marks stale only the cached members the event names', async () => {
    const client = cacheWithMembers([1, 2, 3]);
    await client.invalidateQueries({ queryKey: ['members.get'], predicate: changedMember({ ids: [3, 1, 99] }) });
    expect(stale(client)).toEqual([1, 3]);
  });

  it('marks every cached member stale when the event stands for all of them', async () => {
    const client = cacheWithMembers([1, 2, 3]);
    await client.invalidateQueries({ queryKey: ['members.get'], predicate: changedMember({ ids: [], all: true }) });
    expect(stale(client)).toEqual([1, 2, 3]);
  });
});
