import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { insertCartCustomer, insertMember, insertOrder, insertSubscription, insertTag, tagMember } from '../../../../test/fixtures/replica';
import { setShopTimeZone } from '../../shop/time-zone';
import { evaluateMembers } from './evaluate';
import { openReplica, rule, tagsOf } from './rule-test-support';
import { evaluateScheduled, windowMoversQuery } from './scheduled';

const BUYER = 1;
const DORMANT = 2;
const WAITING = 3;
const START = Date.parse('2026-11-23T03:00:00.000Z');

const buyer = rule({ id: 1, name: 'P-A購入者', tagId: BUYER, action: 'add', groups: [[{ kind: 'product', by: 'code', op: 'equals', value: 'P-A' }]] });
// Dormant: a linked member with no purchase in the last 7 days.
const linked = rule({ id: 2, name: '連携済み', tagId: DORMANT, action: 'add', groups: [[{ kind: 'cartLinked' }]] });
const recent = rule({ id: 3, name: '7日以内に購入', tagId: DORMANT, action: 'remove', groups: [[{ kind: 'purchaseDate', op: 'withinDays', days: 7 }]] });

const pending = (db: Db) => db.prepare('SELECT member_id FROM tag_rule_pending ORDER BY member_id').pluck().all() as number[];

describe('the scheduled evaluation', () => {
  let db: Db;
  let nowMs: number;
  const clock = { now: () => new Date(nowMs) };

  beforeEach(() => {
    db = openReplica();
    nowMs = START;
    insertTag(db, BUYER, '購入者');
    insertTag(db, DORMANT, '休眠');
    for (let id = 1; id <= 4; id += 1) {
      insertMember(db, { id, displayName: `M${id}` });
      insertCartCustomer(db, { id: 10 + id, memberId: id, customerNumber: `C${id}` });
    }
    insertOrder(db, { id: 101, cartCustomerId: 11, total: 1000, orderedAt: '2026-11-20T00:00:00.000Z' }, [{ code: 'P-A', name: 'A', quantity: 1, price: 1000 }]);
  });

  it('evaluates every member the first time, then only the members nobody has evaluated since their data changed', () => {
    const first = evaluateScheduled(db, [buyer], { clock });
    expect(first.kind).toBe('full');
    expect(first.evaluated).toBe(4);
    expect(tagsOf(db, BUYER)).toEqual([1]);
    expect(pending(db)).toEqual([]);

    nowMs += 15 * 60_000;
    expect(evaluateScheduled(db, [buyer], { clock })).toMatchObject({ kind: 'pending', evaluated: 0, changes: 0 });

    // A purchase written with nobody announcing it (a crash after the sync page, say).
    insertOrder(db, { id: 102, cartCustomerId: 13, total: 1000, orderedAt: '2026-11-23T01:00:00.000Z' }, [{ code: 'P-A', name: 'A', quantity: 1, price: 1000 }]);
    expect(pending(db)).toEqual([3]);
    nowMs += 15 * 60_000;
    const later = evaluateScheduled(db, [buyer], { clock });
    expect(later).toMatchObject({ kind: 'pending', evaluated: 1, changes: 1 });
    expect(tagsOf(db, BUYER)).toEqual([1, 3]);
    expect(pending(db)).toEqual([]);
  });

  it('marks the member on every write the conditions read, and an evaluation of the member clears the mark', () => {
    evaluateScheduled(db, [buyer], { clock });
    const writes: Array<[string, () => void, number[]]> = [
      ['a new order', () => insertOrder(db, { id: 201, cartCustomerId: 12, total: 1, orderedAt: '2026-11-01T00:00:00.000Z' }, []), [2]],
      ['an order cancelled', () => db.prepare("UPDATE orders SET status = 'cancelled' WHERE id = 101").run(), [1]],
      ['an item added', () => db.prepare("INSERT INTO order_items VALUES (101, 9, 'P-B', 'B', 1, 1)").run(), [1]],
      ['an item changed', () => db.prepare("UPDATE order_items SET product_code = 'P-Z' WHERE order_id = 101").run(), [1]],
      ['an order deleted', () => db.prepare('DELETE FROM orders WHERE id = 101').run(), [1]],
      ['a subscription', () => insertSubscription(db, { id: 301, cartCustomerId: 14, code: 'S', name: 'S', status: 'active', count: 1, startedAt: '2026-01-01T00:00:00.000Z' }), [4]],
      ['a subscription stopped', () => db.prepare("UPDATE subscriptions SET status = 'stopped' WHERE id = 301").run(), [4]],
      ['a customer number moved to another member', () => db.prepare('UPDATE cart_customers SET member_id = 2 WHERE id = 11').run(), [1, 2]],
      ['a customer number removed', () => db.prepare('DELETE FROM cart_customers WHERE id = 13').run(), [3]],
      ['an operator assigned', () => db.prepare("UPDATE members SET operator = '田中' WHERE id = 4").run(), [4]],
      ['a new member', () => insertMember(db, { id: 9, displayName: 'M9' }), [9]],
      ['a tag set by staff', () => tagMember(db, 2, DORMANT, 'manual'), [2]],
      ['a tag removed by staff', () => db.prepare('DELETE FROM member_tags WHERE member_id = 2').run(), [2]],
    ];
    for (const [what, write, members] of writes) {
      write();
      expect(pending(db), what).toEqual(members);
      evaluateMembers(db, [buyer], members, { clock });
      expect(pending(db), what).toEqual([]);
    }
    // The members' display names and the rules' own tags are not read by any condition.
    db.prepare("UPDATE members SET display_name = 'x' WHERE id = 3").run();
    expect(pending(db)).toEqual([]);
  });

  it('evaluates the members a "within N days" window moved past, with no write at all', () => {
    const rules = [linked, recent];
    evaluateScheduled(db, rules, { clock });
    expect(tagsOf(db, DORMANT)).toEqual([2, 3, 4]);
    // M1's purchase (11-20 00:00 UTC) is in the 7-day window up to 11-27 00:00 UTC inclusive.
    nowMs = Date.parse('2026-11-26T23:45:00.000Z');
    expect(evaluateScheduled(db, rules, { clock })).toMatchObject({ kind: 'pending', evaluated: 0 });
    nowMs = Date.parse('2026-11-27T00:00:00.000Z');
    expect(evaluateScheduled(db, rules, { clock })).toMatchObject({ kind: 'pending', evaluated: 0 });
    nowMs = Date.parse('2026-11-27T00:15:00.000Z');
    expect(evaluateScheduled(db, rules, { clock })).toMatchObject({ kind: 'pending', evaluated: 1, adds: 1 });
    expect(tagsOf(db, DORMANT)).toEqual([1, 2, 3, 4]);
    // A purchase dated ahead counts when its time comes.
    insertOrder(db, { id: 401, cartCustomerId: 12, total: 1, orderedAt: '2026-11-28T00:00:00.000Z' }, []);
    expect(evaluateScheduled(db, rules, { clock })).toMatchObject({ kind: 'pending', evaluated: 1, changes: 0 });
    nowMs = Date.parse('2026-11-28T00:00:00.000Z');
    expect(evaluateScheduled(db, rules, { clock })).toMatchObject({ kind: 'pending', evaluated: 1, removes: 1 });
    expect(tagsOf(db, DORMANT)).toEqual([1, 3, 4]);
  });

  it('evaluates everyone again when the rule set changes or a tag a rule waited for arrives', () => {
    evaluateScheduled(db, [buyer], { clock });
    expect(evaluateScheduled(db, [buyer], { clock }).kind).toBe('pending');
    expect(evaluateScheduled(db, [buyer, linked], { clock })).toMatchObject({ kind: 'full', evaluated: 4 });
    expect(tagsOf(db, DORMANT)).toEqual([1, 2, 3, 4]);
    expect(evaluateScheduled(db, [buyer, { ...linked, enabled: false }], { clock }).kind).toBe('full');
    // A rule on a tag the replica does not have yet runs nothing, so nothing changed.
    const waiting = rule({ id: 4, name: '待ち', tagId: WAITING, action: 'add', groups: [[{ kind: 'cartLinked' }]] });
    expect(evaluateScheduled(db, [buyer, waiting], { clock }).kind).toBe('pending');
    insertTag(db, WAITING, '待ち');
    expect(evaluateScheduled(db, [buyer, waiting], { clock })).toMatchObject({ kind: 'full', adds: 4 });
    expect(evaluateScheduled(db, [buyer, waiting], { clock, full: true })).toMatchObject({ kind: 'full', changes: 0 });
  });

  it("evaluates everyone again when the shop's time zone changes, since a purchase date is one of its days", () => {
    // M2's order at 23:30 on 11-21 in Taipei is 00:30 on 11-22 in Japan.
    insertOrder(db, { id: 102, cartCustomerId: 12, total: 1000, orderedAt: '2026-11-21T15:30:00.000Z' }, [{ code: 'P-B', name: 'B', quantity: 1, price: 1000 }]);
    const onThe21st = rule({ id: 5, name: '11/21に購入', tagId: BUYER, action: 'add', groups: [[{ kind: 'purchaseDate', op: 'on', date: '2026-11-21' }]] });
    expect(evaluateScheduled(db, [onThe21st], { clock }).kind).toBe('full');
    expect(tagsOf(db, BUYER)).toEqual([]);
    expect(evaluateScheduled(db, [onThe21st], { clock }).kind).toBe('pending');
    setShopTimeZone(db, 'Asia/Taipei');
    expect(evaluateScheduled(db, [onThe21st], { clock })).toMatchObject({ kind: 'full', evaluated: 4, adds: 1 });
    expect(tagsOf(db, BUYER)).toEqual([2]);
  });

  it('goes back over a member whose rule tag staff removed by hand, without any announcement', () => {
    evaluateScheduled(db, [buyer], { clock });
    db.prepare('DELETE FROM member_tags WHERE member_id = 1 AND tag_id = ?').run(BUYER);
    expect(tagsOf(db, BUYER)).toEqual([]);
    expect(evaluateScheduled(db, [buyer], { clock })).toMatchObject({ kind: 'pending', evaluated: 1, adds: 1 });
    expect(tagsOf(db, BUYER)).toEqual([1]);
  });

  it('finds the purchases a window moved past through the index on their instant, not by reading every order', () => {
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${windowMoversQuery(3)}`).all(...Array(6).fill(0)) as Array<{ detail: string }>).map((r) => r.detail);
    expect(steps.filter((s) => /orders_time/.test(s))).toHaveLength(3);
    expect(steps.some((s) => /^SCAN o\b/.test(s))).toBe(false);
  });
});
