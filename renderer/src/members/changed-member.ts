import type { Query } from '@tanstack/react-query';
import type { CoreEvents } from '../../../electron/core/api/types';

/**
 * Which cached member pages a members.changed event makes stale: one pass over the cache with the
 * ids in a set, so an evaluation that changed many members costs the cache's size, not the ids'.
 */
export function changedMember({ ids, all }: CoreEvents['members.changed']): (query: Query) => boolean {
  if (all) return () => true;
  const changed = new Set(ids);
  return (query) => changed.has(query.queryKey[1] as number);
}
