import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useCoreEvent } from './context';
import { useConnectionState } from './use-connection';

/**
 * Events only say what changed; the cached answers that might show it are marked stale and the
 * ones on screen refetch. Events missed while disconnected are not replayed, so a reconnection
 * refreshes everything.
 */
export function useLiveRefresh(): void {
  const queryClient = useQueryClient();
  const connection = useConnectionState();
  useCoreEvent('loc.changed', ({ ids }) => {
    void queryClient.invalidateQueries({ queryKey: ['loc.list'] });
    void queryClient.invalidateQueries({ queryKey: ['robot.status'] });
    for (const id of ids) void queryClient.invalidateQueries({ queryKey: ['loc.get', id] });
  });
  // LOC changes pulled by sync arrive as loc.changed; configs have no event of their own.
  useCoreEvent('sync.completed', ({ applied }) => {
    if (applied > 0) void queryClient.invalidateQueries({ queryKey: ['crosssell.list'] });
  });
  useEffect(() => {
    if (connection === 'open') void queryClient.invalidateQueries();
  }, [connection, queryClient]);
}
