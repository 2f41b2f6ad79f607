import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../../api/errors';
import type { Clock } from '../../clock';
import type { Db } from '../../db/open';
import { searchMembers, type MemberSearch } from '../../db/queries/members';
import { enqueueOperation } from '../../sync/outbox';

/**
 * At most this many members per bulk change: about what the anchor manages in one 15-minute cycle
 * (seed 002), and a batch the outbox sends in a few round trips. A larger search is refused, not cut.
 */
export const BULK_TAG_LIMIT = 10_000;

const SEARCH_PAGE = 1000;

export interface BulkTagRequest {
  /** The members.search filters; the members it finds are the ones changed. */
  search: Omit<MemberSearch, 'page' | 'pageSize'>;
  tagId: number;
  action: 'add' | 'remove';
  /** Who did it, for the members' tag history. */
  staff?: string | undefined;
  /** Count only: what the confirmation asks about before anything is queued. */
  dryRun?: boolean | undefined;
}

export interface BulkTagResult {
  /** Members the search found. */
  matched: number;
  /** Members given an operation now (or that would be, on a dry run). */
  changed: number;
  /** Members already in the asked-for state, counting changes still waiting in the outbox. */
  unchanged: number;
  /** The members changed, ascending. */
  memberIds: number[];
  dryRun: boolean;
}

/**
 * Adds or removes a tag on every member a search finds, as one outbox operation per member whose
 * tag would change, all in one transaction. A member's state is what the cloud last sent with the
 * member's pending tag operations on top, as the member page shows it, so repeating a bulk change
 * queues nothing twice.
 */
export function bulkTagMembers(db: Db, request: BulkTagRequest, clock: Clock, limit = BULK_TAG_LIMIT): BulkTagResult {
  return db.transaction((): BulkTagResult => {
    const tag = db.prepare('SELECT name FROM tags WHERE id = ?').pluck().get(request.tagId) as string | undefined;
    if (tag === undefined) throw new ApiError('not_found', `タグ ${request.tagId} は存在しません。`);
    const matched = matchingMemberIds(db, request.search, limit);
    const hasTag = effectiveTagHolders(db, request.tagId, matched);
    const wanted = request.action === 'add';
    const memberIds = matched.filter((id) => hasTag.has(id) !== wanted);
    if (!request.dryRun) {
      const kind = wanted ? 'memberTag.add' : 'memberTag.remove';
      const sourceDetail = request.staff ?? null;
      for (const memberId of memberIds) {
        enqueueOperation(db, { kind, payload: { memberId, tagId: request.tagId, source: 'manual', sourceDetail }, opId: uuidv4() }, clock);
      }
    }
    return { matched: matched.length, changed: memberIds.length, unchanged: matched.length - memberIds.length, memberIds, dryRun: request.dryRun === true };
  })();
}

function matchingMemberIds(db: Db, search: BulkTagRequest['search'], limit: number): number[] {
  const ids: number[] = [];
  for (let page = 1; ; page += 1) {
    const found = searchMembers(db, { ...search, page, pageSize: SEARCH_PAGE });
    if (found.total > limit) {
      throw new ApiError(
        'invalid_argument',
        `検索に該当する会員が ${found.total.toLocaleString('ja-JP')} 名で、一度に変更できる ${limit.toLocaleString('ja-JP')} 名を超えています。条件を絞ってください。`,
        { matched: found.total, limit },
      );
    }
    for (const member of found.items) ids.push(member.id);
    if (found.items.length < SEARCH_PAGE) return ids;
  }
}

/**
 * Which of the members hold the tag once their pending (not rejected) operations are applied in
 * order. By the members' own index: the index on state would read every pending operation.
 */
function effectiveTagHolders(db: Db, tagId: number, memberIds: number[]): Set<number> {
  const list = JSON.stringify(memberIds);
  const holders = new Set(
    db.prepare('SELECT member_id FROM member_tags WHERE tag_id = ? AND member_id IN (SELECT value FROM json_each(?))').pluck().all(tagId, list) as number[],
  );
  const pending = db
    .prepare(
      `SELECT json_extract(payload, '$.memberId') AS memberId, kind FROM outbox INDEXED BY outbox_member_tag
       WHERE state = 'pending' AND kind IN ('memberTag.add', 'memberTag.remove') AND json_extract(payload, '$.tagId') = ?
         AND json_extract(payload, '$.memberId') IN (SELECT value FROM json_each(?))
       ORDER BY seq`,
    )
    .all(tagId, list) as Array<{ memberId: number; kind: string }>;
  for (const op of pending) {
    if (op.kind === 'memberTag.add') holders.add(op.memberId);
    else holders.delete(op.memberId);
  }
  return holders;
}
