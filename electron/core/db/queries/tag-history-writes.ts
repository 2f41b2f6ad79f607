import { hourOf } from '../../shop/zone-days';
import type { TagSource } from '../../sync/change-schemas';
import type { Db } from '../open';

/** Adds `changes` to one tag's count of one UTC hour, action and source (migration 19). */
export const COUNT_TAG_CHANGES = `INSERT INTO tag_history_hours (hour, tag_id, action, source, changes) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (tag_id, hour, action, source) DO UPDATE SET changes = changes + excluded.changes`;

export interface TagChange {
  memberId: number;
  tagId: number;
  action: 'add' | 'remove';
  source: TagSource;
  sourceDetail: string | null;
  /** Any ISO 8601 form with an offset; history keeps the instant. */
  at: string;
}

/**
 * Records one change of a member's tag: its history row and its hour's count, which callers write
 * in the same transaction as the change itself. Rule evaluations, which write millions of changes
 * at once, do the same in bulk (tags/rules/apply-changes.ts).
 */
export function tagHistoryWriter(db: Db): (change: TagChange) => void {
  const history = db.prepare(
    'INSERT INTO member_tag_history (member_id, tag_id, action, source, source_detail, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const count = db.prepare(COUNT_TAG_CHANGES);
  return (c) => {
    const ms = Date.parse(c.at);
    if (Number.isNaN(ms)) throw new RangeError(`Not a time: ${c.at}`);
    history.run(c.memberId, c.tagId, c.action, c.source, c.sourceDetail, ms);
    count.run(hourOf(ms), c.tagId, c.action, c.source, 1);
  };
}
