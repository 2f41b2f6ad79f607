import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArgsOf } from '../api/client';
import { useApi } from '../api/context';

/**
 * The lists and details that show these requests are marked stale at once; the core's
 * loc.changed event does the same for every other window, a moment later.
 */
function useRefreshLoc() {
  const queryClient = useQueryClient();
  return (ids: readonly number[]) => {
    void queryClient.invalidateQueries({ queryKey: ['loc.list'] });
    void queryClient.invalidateQueries({ queryKey: ['robot.status'] });
    for (const id of ids) void queryClient.invalidateQueries({ queryKey: ['loc.get', id] });
  };
}

export function useCompleteLoc() {
  const api = useApi();
  const refresh = useRefreshLoc();
  return useMutation({
    mutationFn: (args: ArgsOf<'loc.complete'>) => api.call('loc.complete', args),
    onSuccess: (result) => refresh(result.ids),
  });
}

export function useReopenLoc() {
  const api = useApi();
  const refresh = useRefreshLoc();
  return useMutation({
    mutationFn: (args: ArgsOf<'loc.reopen'>) => api.call('loc.reopen', args),
    onSuccess: (result) => refresh([result.id]),
  });
}
