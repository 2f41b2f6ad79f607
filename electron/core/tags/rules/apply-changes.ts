import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open';
import { COUNT_TAG_CHANGES } from '../../db/queries/tag-history-writes';
import { hourOf } from '../../shop/zone-days';
import { cached } from './temp-tables';

export interface ApplyOutcome {
  applied: number;
}

/**
 * Writes the changes computeRuleChanges left in temp.tr_changes, in batches of `batchSize`, each
 * batch one transaction: the member_tags row (source 'rule', the rule in source_detail), one
 * history row and one outbox operation per change, by member id then rule order (the order of
 * tr_changes, which keeps every member_tags insert next to the one before it without a sort),
 * and the batch's count per tag and action for the hour. `positions` holds each change's rule
 * position by seq (ComputeOutcome.positions): counting them here costs nothing next to a GROUP BY
 * over the batch.
 *
 * When the cloud applies the operation it sends the tag back through the change feed. The pull
 * writes history only when a member_tag upsert finds no row, or a delete removes one
 * (sync/entity-writers.ts), and here the row is already as the echo says, so the change is
 * recorded once. The pull never lands before the operation is sent (sync/engine.ts), so it
 * cannot undo a rule's change the cloud has not seen.
 */
export function applyRuleChanges(db: Db, at: string, positions: Uint16Array, batchSize = 50_000): ApplyOutcome {
  const range = 'seq BETWEEN @from AND @to';
  const statements = [
    cached(
      db,
      `INSERT INTO member_tags (member_id, tag_id, source, source_detail, set_at)
       SELECT member_id, tag_id, 'rule', detail, @at FROM temp.tr_changes WHERE ${range} AND action = 'add' ORDER BY seq`,
    ),
    cached(
      db,
      `DELETE FROM member_tags WHERE (member_id, tag_id) IN
       (SELECT member_id, tag_id FROM temp.tr_changes WHERE ${range} AND action = 'remove')`,
    ),
    cached(
      db,
      `INSERT INTO member_tag_history (member_id, tag_id, action, source, source_detail, at)
       SELECT member_id, tag_id, action, 'rule', detail, @atMs FROM temp.tr_changes WHERE ${range} ORDER BY seq`,
    ),
    cached(
      db,
      `INSERT INTO outbox (op_id, kind, payload, created_at)
       SELECT @opPrefix || printf('%08x', seq), CASE action WHEN 'add' THEN 'memberTag.add' ELSE 'memberTag.remove' END,
         json_object('memberId', member_id, 'tagId', tag_id, 'source', 'rule', 'sourceDetail', detail), @at
       FROM temp.tr_changes WHERE ${range} ORDER BY seq`,
    ),
  ];
  const last = positions.length;
  const rules = cached(db, 'SELECT tag_id AS tagId, action FROM temp.tr_rules ORDER BY position').all() as Array<{ tagId: number; action: string }>;
  const count = cached(db, COUNT_TAG_CHANGES);
  const atMs = Date.parse(at);
  const hour = hourOf(atMs);
  const opPrefix = operationIdPrefix(atMs);
  const batch = db.transaction((from: number, to: number) => {
    for (const s of statements) s.run({ from, to, at, atMs, opPrefix });
    const perRule = new Uint32Array(rules.length);
    for (let seq = from; seq <= to; seq += 1) perRule[positions[seq - 1]!]! += 1;
    perRule.forEach((changes, position) => {
      if (changes > 0) count.run(hour, rules[position]!.tagId, rules[position]!.action, 'rule', changes);
    });
  });
  // Every batch but the last commits without waiting for the disk; the last one waits, and a WAL
  // commit that reaches the disk takes every commit before it along. Power lost in between loses
  // whole batches (member tags, history and operations together) and the evaluation's end, so its
  // members are still marked in tag_rule_pending and evaluated again.
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  // Every member and tag id written here was read from members and tags by this connection in the
  // same synchronous call, with nothing written in between, so the foreign-key lookups (two per
  // member tag, one per history row) cannot fail; skipping them saved 8% of the writing time on the benchmark's shop.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let from = 1; from <= last; from += batchSize) {
      const to = Math.min(last, from + batchSize - 1);
      db.pragma(`synchronous = ${to === last ? synchronous : 1}`);
      batch(from, to);
    }
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  return { applied: last };
}

/**
 * Operation ids are UUIDv7 (RFC 9562) built in SQL: the evaluation's millisecond, 40 random bits
 * drawn once per evaluation and the change's sequence number as a counter. They are unique like
 * random ids, cost no call into JavaScript per row, and, ordered in time, append to the outbox's
 * unique index instead of landing at random places in it.
 */
export function operationIdPrefix(ms: number): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const random = randomBytes(5).toString('hex');
  const variant = '89ab'[parseInt(random[3]!, 16) & 3]!;
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 10).padEnd(4, '0')}`;
}
