import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/open';

export interface ApplyOutcome {
  applied: number;
  /** Members whose tags changed, ascending, for the members.changed event. */
  memberIds: number[];
}

const registered = new WeakSet<Db>();

/**
 * Writes the changes computeRuleChanges left in temp.tr_changes, in batches of `batchSize`, each
 * batch one transaction: the member_tags row (source 'rule', the rule in source_detail), one
 * history row and one outbox operation per change, in rule order then member id.
 *
 * When the cloud applies the operation it sends the tag back through the change feed. The pull
 * writes history only when a member_tag upsert finds no row, or a delete removes one
 * (sync/entity-writers.ts), and here the row is already as the echo says, so the change is
 * recorded once. The pull never lands before the operation is sent (sync/engine.ts), so it
 * cannot undo a rule's change the cloud has not seen.
 */
export function applyRuleChanges(db: Db, at: string, batchSize = 50_000): ApplyOutcome {
  if (!registered.has(db)) {
    db.function('tr_uuid', { deterministic: false }, () => randomUUID());
    registered.add(db);
  }
  const range = 'c.seq BETWEEN @from AND @to';
  const statements = [
    db.prepare(
      `INSERT INTO member_tags (member_id, tag_id, source, source_detail, set_at)
       SELECT c.member_id, c.tag_id, 'rule', r.detail, @at FROM temp.tr_changes c JOIN temp.tr_rules r ON r.rule_id = c.rule_id
       WHERE ${range} AND c.action = 'add'`,
    ),
    db.prepare(
      `DELETE FROM member_tags WHERE (member_id, tag_id) IN
       (SELECT c.member_id, c.tag_id FROM temp.tr_changes c WHERE ${range} AND c.action = 'remove')`,
    ),
    db.prepare(
      `INSERT INTO member_tag_history (member_id, tag_id, action, source, source_detail, at)
       SELECT c.member_id, c.tag_id, c.action, 'rule', r.detail, @at FROM temp.tr_changes c JOIN temp.tr_rules r ON r.rule_id = c.rule_id
       WHERE ${range} ORDER BY c.seq`,
    ),
    db.prepare(
      `INSERT INTO outbox (op_id, kind, payload, created_at)
       SELECT tr_uuid(), CASE c.action WHEN 'add' THEN 'memberTag.add' ELSE 'memberTag.remove' END,
         json_object('memberId', c.member_id, 'tagId', c.tag_id, 'source', 'rule', 'sourceDetail', r.detail), @at
       FROM temp.tr_changes c JOIN temp.tr_rules r ON r.rule_id = c.rule_id
       WHERE ${range} ORDER BY c.seq`,
    ),
  ];
  const last = (db.prepare('SELECT coalesce(max(seq), 0) FROM temp.tr_changes').pluck().get() as number) ?? 0;
  const batch = db.transaction((from: number, to: number) => {
    for (const s of statements) s.run({ from, to, at });
  });
  for (let from = 1; from <= last; from += batchSize) batch(from, Math.min(last, from + batchSize - 1));
  const memberIds = db.prepare('SELECT DISTINCT member_id FROM temp.tr_changes ORDER BY member_id').pluck().all() as number[];
  return { applied: last, memberIds };
}
