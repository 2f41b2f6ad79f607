/** The member list's tag filter: tags a member must all have, may have any of, must have none of. */
export interface TagFilterValue {
  all: number[];
  any: number[];
  none: number[];
}

export type TagFilterMode = keyof TagFilterValue;
export const tagFilterModes: readonly TagFilterMode[] = ['all', 'any', 'none'];

export const emptyTagFilter: TagFilterValue = { all: [], any: [], none: [] };

/** A tag sits in one group at a time: adding it to another moves it there. */
export function withTag(filter: TagFilterValue, mode: TagFilterMode, tagId: number): TagFilterValue {
  const cleared = withoutTag(filter, tagId);
  return { ...cleared, [mode]: [...cleared[mode], tagId] };
}

export function withoutTag(filter: TagFilterValue, tagId: number): TagFilterValue {
  return { all: filter.all.filter((t) => t !== tagId), any: filter.any.filter((t) => t !== tagId), none: filter.none.filter((t) => t !== tagId) };
}

export function isEmptyTagFilter(filter: TagFilterValue): boolean {
  return filter.all.length === 0 && filter.any.length === 0 && filter.none.length === 0;
}

/** As members.search takes it: absent when nothing is chosen, so the plain list stays the same query. */
export function tagFilterArgs(filter: TagFilterValue): Partial<TagFilterValue> | undefined {
  if (isEmptyTagFilter(filter)) return undefined;
  const args: Partial<TagFilterValue> = {};
  for (const mode of tagFilterModes) if (filter[mode].length > 0) args[mode] = filter[mode];
  return args;
}
