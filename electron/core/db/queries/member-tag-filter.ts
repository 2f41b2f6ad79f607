import type { Db } from '../open';

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

/**
 * How many members the clauses find. A list narrowed only by tags members must not have is
 * counted as every member less those with any of the tags: both are answered from indexes,
 * where testing each of 100,000 members against the tags costs several times as long.
 */
export function countMembers(db: Db, clauses: readonly string[], params: Record<string, unknown>, filter: MemberTagFilter | undefined): number {
  const none = unique(filter?.none);
  const onlyNone = none.length > 0 && clauses.length === 1 && unique(filter?.all).length === 0 && unique(filter?.any).length === 0;
  if (onlyNone) {
    const names = none.map((_, i) => `@noneTag${i}`).join(', ');
    const all = db.prepare('SELECT count(*) FROM members').pluck().get() as number;
    // member_tags holds only members that exist (its foreign key cascades), so its own index counts them.
    const holding = db.prepare(`SELECT count(DISTINCT member_id) FROM member_tags WHERE tag_id IN (${names})`).pluck().get(params) as number;
    return all - holding;
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  return db.prepare(`SELECT count(*) FROM members m ${where}`).pluck().get(params) as number;
}
