import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';

/**
 * How many open requests wait for a person, and the most recently changed of them. The key starts
 * with loc.list, so every loc.changed event (a completion here, a robot giving up, a sync) marks
 * it stale with the lists and the navigation's count follows at once.
 */
export const NEEDS_PERSON_WINDOW = 50;

export function useNeedsPerson() {
  const api = useApi();
  return useQuery({
    queryKey: ['loc.list', 'needsPerson'],
    queryFn: () =>
      api.call('loc.list', {
        status: ['needs_manual'],
        completed: false,
        sort: { field: 'updatedAt', direction: 'desc' },
        page: 1,
        pageSize: NEEDS_PERSON_WINDOW,
      }),
  });
}
