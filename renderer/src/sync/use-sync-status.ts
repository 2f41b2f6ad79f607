import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useCoreEvent } from '../api/context';

/** The outbox grows without a sync event, so the status also polls while the screen is open. */
const POLL_MS = 5_000;

export function useSyncStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['sync.status'] });
  useCoreEvent('sync.completed', refresh);
  useCoreEvent('sync.failed', refresh);
  useCoreEvent('members.changed', refresh);
  useCoreEvent('loc.changed', refresh);
  return useQuery({ queryKey: ['sync.status'], queryFn: () => api.call('sync.status', {}), refetchInterval: POLL_MS });
}
