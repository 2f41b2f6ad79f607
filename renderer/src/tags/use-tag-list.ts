import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';

/** Every tag with its member and rule counts; the same cached answer as the member screens' tag lists. */
export function useTagList() {
  const api = useApi();
  return useQuery({ queryKey: ['tags.list'], queryFn: () => api.call('tags.list', {}) });
}

/** A tag's name for messages that only have its id; the id itself when the tag is not (yet) known. */
export function useTagName(): (tagId: number) => string {
  const tags = useTagList();
  return (tagId) => tags.data?.find((tag) => tag.id === tagId)?.name ?? `#${tagId}`;
}
