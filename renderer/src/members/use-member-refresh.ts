import { useQueryClient } from '@tanstack/react-query';
import { useCoreEvent } from '../api/context';
import { changedMember } from './changed-member';

/**
 * Member answers go stale when the core says members changed (a tag queued by hand, or pulled
 * by sync) and after every sync: a push turns pending tag changes into confirmed or rejected
 * ones, and sync.completed does not count rejections, so the open member page always refetches.
 * Tags themselves arrive only by sync.
 */
export function useMemberRefresh(): void {
  const queryClient = useQueryClient();
  useCoreEvent('members.changed', (event) => {
    void queryClient.invalidateQueries({ queryKey: ['members.search'] });
    void queryClient.invalidateQueries({ queryKey: ['members.get'], predicate: changedMember(event) });
  });
  useCoreEvent('sync.completed', ({ applied, pushed }) => {
    if (applied > 0) void queryClient.invalidateQueries({ queryKey: ['tags.list'] });
    if (applied > 0 || pushed > 0) void queryClient.invalidateQueries({ queryKey: ['members.search'] });
    void queryClient.invalidateQueries({ queryKey: ['members.get'] });
  });
}
