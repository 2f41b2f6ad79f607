import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';

/** The shop's tags, shared by the search filter and the tag picker; they change only by sync. */
export function useTags() {
  const api = useApi();
  return useQuery({ queryKey: ['tags.list'], queryFn: () => api.call('tags.list', {}) });
}
