/**
 * Which tags a member must have, may have one of, or must not have, as the member list filters
 * them: all = every one of these tags, any = at least one, none = none of them. Tag ids only; the
 * screen picks them from the shop's tags.
 */
export interface MemberTagFilter {
  all?: readonly number[] | undefined;
  any?: readonly number[] | undefined;
  none?: readonly number[] | undefined;
}

/**
 * WHERE clauses on `members m` for the filter, each answered from member_tags' (tag_id, member_id)
 * index: one lookup per tag of `all`, one for the whole of `any` and of `none`. Tag ids are bound
 * as parameters named after their place, added to `params`.
 */
export function memberTagClauses(filter: MemberTagFilter | undefined, params: Record<string, unknown>): string[] {
  if (!filter) return [];
  const clauses: string[] = [];
  const bind = (kind: string, ids: readonly number[]) =>
    ids.map((id, i) => {
      params[`${kind}Tag${i}`] = id;
      return `@${kind}Tag${i}`;
    });
  for (const name of bind('all', unique(filter.all))) {
    clauses.push(`m.id IN (SELECT member_id FROM member_tags WHERE tag_id = ${name})`);
  }
  const any = bind('any', unique(filter.any));
  if (any.length > 0) clauses.push(`m.id IN (SELECT member_id FROM member_tags WHERE tag_id IN (${any.join(', ')}))`);
  const none = bind('none', unique(filter.none));
  if (none.length > 0) clauses.push(`m.id NOT IN (SELECT member_id FROM member_tags WHERE tag_id IN (${none.join(', ')}))`);
  return clauses;
}

function unique(ids: readonly number[] | undefined): number[] {
  return [...new Set(ids ?? [])];
}
