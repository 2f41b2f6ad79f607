import { beforeEach, describe, expect, it } from 'vitest';
import { validate as isUuid } from 'uuid';
import type { Db } from '../../db/open';
import { insertCartCustomer, insertMember, insertOrder, insertTag, tagMember } from '../../../../test/fixtures/replica';
import { applyPage } from '../../sync/apply';
import type { Change } from '../../sync/change-schemas';
import { mutationPayloads } from '../../sync/mutation-schemas';
import { evaluateAllMembers, evaluateMembers } from './evaluate';
import type { RuleCondition } from './rule-schema';
import { fixedClock, openReplica, rule, tagsOf } from './rule-test-support';
import { parseRuleSourceDetail } from './source-detail';

const BUYER = 1;
const VIP = 2;
const OLD = 3;
const clock = fixedClock('2026-11-23T03:00:00.000Z');
const boughtA: RuleCondition = { kind: 'product', by: 'code', op: 'equals', value: 'P-A' };

interface OutboxRow {
  op_id: string;
  kind: string;
  payload: string;
}

function outbox(db: Db): OutboxRow[] {
  return db.prepare('SELECT op_id, kind, payload FROM outbox ORDER BY seq').all() as OutboxRow[];
}

function history(db: Db, memberId: number, tagId: number): Array<{ action: string; source: string; source_detail: string | null }> {
  return db
    .prepare('SELECT action, source, source_detail FROM member_tag_history WHERE member_id = ? AND tag_id = ? ORDER BY id')
    .all(memberId, tagId) as Array<{ action: string; source: string; source_detail: string | null }>;
}

let seq = 0;
function pull(db: Db, changes: Array<Omit<Change, 'seq'>>): void {
  const numbered = changes.map((c) => ({ ...c, seq: ++seq }));
  applyPage(db, { changes: numbered, next: seq, head: seq, hasMore: false }, { clock });
}

describe('applying rule changes', () => {
  let db: Db;
  beforeEach(() => {
    db = openReplica();
    seq = 0;
    insertTag(db, BUYER, '購入者');
    insertTag(db, VIP, 'VIP');
    insertTag(db, OLD, '旧タグ');
    for (const id of [1, 2, 3]) insertMember(db, { id, displayName: `M${id}` });
    for (const id of [1, 2]) {
      insertCartCustomer(db, { id: 100 + id, memberId: id, customerNumber: `C${id}` });
      insertOrder(db, { id: 1000 + id, cartCustomerId: 100 + id, total: 5000 * id, orderedAt: '2026-11-01T00:00:00.000Z' }, [
        { code: 'P-A', name: 'A', quantity: 1, price: 5000 * id },
      ]);
    }
    tagMember(db, 3, OLD);
  });

  const rules = () => [
    rule({ id: 10, name: 'A購入者', tagId: BUYER, action: 'add', groups: [[boughtA]] }, 1),
    rule({ id: 11, name: '旧タグ解除', tagId: OLD, action: 'remove', groups: [[{ kind: 'cartLinked' }, { kind: 'triggerTag', tagId: BUYER, has: false }], [{ kind: 'operator' }, { kind: 'cartLinked' }]] }, 2),
  ];

  it('writes each change as member tag, one history row and exactly one outbox operation', () => {
    db.prepare("UPDATE members SET operator = '田中' WHERE id = 3").run();
    insertCartCustomer(db, { id: 103, memberId: 3, customerNumber: 'C3' });
    const result = evaluateAllMembers(db, rules(), { clock });
    expect(result).toMatchObject({ changes: 3, adds: 2, removes: 1, memberIds: [1, 2, 3] });

    expect(tagsOf(db, BUYER)).toEqual([1, 2]);
    expect(tagsOf(db, OLD)).toEqual([]);
    const row = db.prepare('SELECT source, source_detail, set_at FROM member_tags WHERE member_id = 1 AND tag_id = ?').get(BUYER);
    expect(row).toEqual({ source: 'rule', source_detail: 'rule:10 A購入者', set_at: '2026-11-23T03:00:00.000Z' });
    expect(parseRuleSourceDetail('rule:10 A購入者')).toEqual({ ruleId: 10, name: 'A購入者' });

    expect(history(db, 1, BUYER)).toEqual([{ action: 'add', source: 'rule', source_detail: 'rule:10 A購入者' }]);
    expect(history(db, 3, OLD)).toEqual([
      { action: 'add', source: 'cloud', source_detail: null },
      { action: 'remove', source: 'rule', source_detail: 'rule:11 旧タグ解除' },
    ]);

    const ops = outbox(db);
    expect(ops.map((o) => [o.kind, JSON.parse(o.payload)])).toEqual([
      ['memberTag.add', { memberId: 1, tagId: BUYER, source: 'rule', sourceDetail: 'rule:10 A購入者' }],
      ['memberTag.add', { memberId: 2, tagId: BUYER, source: 'rule', sourceDetail: 'rule:10 A購入者' }],
      ['memberTag.remove', { memberId: 3, tagId: OLD, source: 'rule', sourceDetail: 'rule:11 旧タグ解除' }],
    ]);
    for (const op of ops) {
      expect(isUuid(op.op_id)).toBe(true);
      expect(mutationPayloads[op.kind as 'memberTag.add'].safeParse(JSON.parse(op.payload)).success).toBe(true);
    }
    expect(new Set(ops.map((o) => o.op_id)).size).toBe(ops.length);
  });

  it('changes nothing when run again', () => {
    evaluateAllMembers(db, rules(), { clock });
    const before = { tags: db.prepare('SELECT * FROM member_tags ORDER BY 1, 2').all(), history: history(db, 1, BUYER), outbox: outbox(db).length };
    const again = evaluateAllMembers(db, rules(), { clock: fixedClock('2026-11-23T03:15:00.000Z') });
    const incremental = evaluateMembers(db, rules(), [1, 2, 3], { clock });
    expect([again.changes, incremental.changes]).toEqual([0, 0]);
    expect(db.prepare('SELECT * FROM member_tags ORDER BY 1, 2').all()).toEqual(before.tags);
    expect(history(db, 1, BUYER)).toEqual(before.history);
    expect(outbox(db)).toHaveLength(before.outbox);
  });

  it('sets a rule tag again after staff removed it by hand, while the condition holds', () => {
    evaluateAllMembers(db, rules(), { clock });
    db.prepare('DELETE FROM outbox').run();
    // The staff removal comes back from the cloud through the feed.
    pull(db, [{ entity: 'member_tag', op: 'delete', data: { memberId: 1, tagId: BUYER, source: 'manual', sourceDetail: '佐藤', removedAt: '2026-11-23T03:05:00.000Z' } }]);
    expect(tagsOf(db, BUYER)).toEqual([2]);

    const result = evaluateMembers(db, rules(), [1], { clock });
    expect(result.changes).toBe(1);
    expect(tagsOf(db, BUYER)).toEqual([1, 2]);
    expect(history(db, 1, BUYER).map((h) => `${h.action}:${h.source}`)).toEqual(['add:rule', 'remove:manual', 'add:rule']);
    expect(outbox(db).map((o) => o.kind)).toEqual(['memberTag.add']);
  });

  it('records a change once when the cloud sends it back', () => {
    db.prepare("UPDATE members SET operator = '田中' WHERE id = 3").run();
    insertCartCustomer(db, { id: 103, memberId: 3, customerNumber: 'C3' });
    evaluateAllMembers(db, rules(), { clock });
    const echo = (JSON.parse(outbox(db)[0]!.payload) as { sourceDetail: string }).sourceDetail;
    pull(db, [
      { entity: 'member_tag', op: 'upsert', data: { memberId: 1, tagId: BUYER, source: 'rule', sourceDetail: echo, setAt: '2026-11-23T03:00:02.000Z' } },
      { entity: 'member_tag', op: 'delete', data: { memberId: 3, tagId: OLD, source: 'rule', sourceDetail: 'rule:11 旧タグ解除', removedAt: '2026-11-23T03:00:02.000Z' } },
    ]);
    expect(history(db, 1, BUYER)).toHaveLength(1);
    expect(history(db, 3, OLD)).toHaveLength(2);
    expect(tagsOf(db, BUYER)).toEqual([1, 2]);
    expect(evaluateAllMembers(db, rules(), { clock }).changes).toBe(0);
  });

  it('a chain created against its order settles in one evaluation, in a second pass', () => {
    const chain = [
      rule({ id: 20, name: 'VIP when buyer', tagId: VIP, action: 'add', groups: [[{ kind: 'triggerTag', tagId: BUYER, has: true }, { kind: 'purchaseAmount', op: 'gte', value: 10_000 }]] }, 1),
      rule({ id: 21, name: 'buyer', tagId: BUYER, action: 'add', groups: [[boughtA]] }, 2),
    ];
    const first = evaluateAllMembers(db, chain, { clock });
    expect(first).toMatchObject({ passes: 3, settled: true, changes: 3 });
    expect(tagsOf(db, VIP)).toEqual([2]);
    expect(evaluateAllMembers(db, chain, { clock })).toMatchObject({ changes: 0, passes: 1 });
  });

  it('when a later rule undoes an earlier one, the later wins and nothing is written', () => {
    const opposite = [
      rule({ id: 30, name: 'add', tagId: VIP, action: 'add', groups: [[boughtA]] }, 1),
      rule({ id: 31, name: 'remove', tagId: VIP, action: 'remove', groups: [[{ kind: 'purchaseAmount', op: 'lte', value: 5000 }]] }, 2),
    ];
    const result = evaluateAllMembers(db, opposite, { clock });
    expect(result.changes).toBe(1);
    expect(tagsOf(db, VIP)).toEqual([2]);
    expect(history(db, 1, VIP)).toEqual([]);
    expect(evaluateAllMembers(db, opposite, { clock }).changes).toBe(0);
  });

  it('leaves out rules whose tag the replica does not have, and disabled rules', () => {
    const result = evaluateAllMembers(db, [
      rule({ id: 40, tagId: 99, action: 'add', groups: [[boughtA]] }, 1),
      rule({ id: 41, tagId: VIP, action: 'add', groups: [[boughtA]], enabled: false }, 2),
    ], { clock });
    expect(result).toMatchObject({ changes: 0, skippedRuleIds: [40] });
  });

  it('commits in batches of the given size', () => {
    for (let id = 4; id <= 30; id += 1) {
      insertMember(db, { id, displayName: `M${id}` });
      insertCartCustomer(db, { id: 100 + id, memberId: id, customerNumber: `C${id}` });
    }
    const result = evaluateAllMembers(db, [rule({ id: 50, tagId: VIP, action: 'add', groups: [[{ kind: 'cartLinked' }]] })], { clock, batchSize: 4 });
    expect(result.changes).toBe(29);
    expect(tagsOf(db, VIP)).toHaveLength(29);
    expect(outbox(db).map((o) => (JSON.parse(o.payload) as { memberId: number }).memberId)).toEqual(tagsOf(db, VIP));
  });

  it('counts every batch\'s changes in the hour of the evaluation, per tag, action and source, as its history has them', () => {
    for (let id = 4; id <= 30; id += 1) {
      insertMember(db, { id, displayName: `M${id}` });
      insertCartCustomer(db, { id: 100 + id, memberId: id, customerNumber: `C${id}` });
      if (id % 3 === 0) tagMember(db, id, OLD, 'manual', '2026-11-20T15:00:00.000Z');
    }
    const lateEvening = fixedClock('2026-11-23T15:30:00.000Z'); // 00:30 on the 24th in Tokyo
    const result = evaluateAllMembers(db, rules(), { clock: lateEvening, batchSize: 4 });
    expect(result).toMatchObject({ changes: 2 + 9, adds: 2 });
    const days = db
      .prepare(
        `SELECT date(hour * 3600, 'unixepoch', '+9 hours') AS day, tag_id AS tagId, action, source, sum(changes) AS changes
         FROM tag_history_hours GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all();
    expect(days).toEqual([
      { day: '2026-11-01', tagId: OLD, action: 'add', source: 'cloud', changes: 1 },
      { day: '2026-11-21', tagId: OLD, action: 'add', source: 'manual', changes: 9 },
      { day: '2026-11-24', tagId: BUYER, action: 'add', source: 'rule', changes: 2 },
      { day: '2026-11-24', tagId: OLD, action: 'remove', source: 'rule', changes: 9 },
    ]);
    const fromHistory = db
      .prepare(
        `SELECT date(at / 1000, 'unixepoch', '+9 hours') AS day, tag_id AS tagId, action, source, count(*) AS changes
         FROM member_tag_history GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all();
    expect(days).toEqual(fromHistory);
  });

  it('waits for the disk on the last batch only, and leaves the connection as it found it', () => {
    for (let id = 4; id <= 30; id += 1) {
      insertMember(db, { id, displayName: `M${id}` });
      insertCartCustomer(db, { id: 100 + id, memberId: id, customerNumber: `C${id}` });
    }
    const levels: number[] = [];
    const pragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) levels.push(Number(source.split('=')[1]));
      return pragma(source, options);
    }) as typeof db.pragma;
    evaluateAllMembers(db, [rule({ id: 50, tagId: VIP, action: 'add', groups: [[{ kind: 'cartLinked' }]] })], { clock, batchSize: 10 });
    // Three batches: NORMAL, NORMAL, then FULL for the last, then FULL restored.
    expect(levels).toEqual([1, 1, 2, 2]);
    expect(pragma('synchronous', { simple: true })).toBe(2);
    expect(pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
