import { useQueryClient } from '@tanstack/react-query';
import { useCoreEvent } from '../api/context';

/**
 * The tag screen's answers go stale when rules change (saved here or pulled from the cloud), when
 * members' tags change (a rule evaluation, a hand change, a pull) and after a sync, which may
 * bring tags, rules and history from the cloud.
 */
export function useTagRefresh(): void {
  const queryClient = useQueryClient();
  const counts = () => {
    void queryClient.invalidateQueries({ queryKey: ['tags.list'] });
    void queryClient.invalidateQueries({ queryKey: ['tags.history'] });
  };
  // An open editor keeps the version it loaded: refetching it would drop edits not yet saved.
  useCoreEvent('tagRules.changed', () => {
    void queryClient.invalidateQueries({ queryKey: ['tagRules.list'] });
    void queryClient.invalidateQueries({ queryKey: ['tags.list'] });
  });
  useCoreEvent('members.changed', counts);
  useCoreEvent('sync.completed', ({ applied }) => {
    counts();
    if (applied > 0) void queryClient.invalidateQueries({ queryKey: ['tagRules.list'] });
  });
}
